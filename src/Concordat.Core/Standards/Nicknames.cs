namespace Concordat.Core.Standards;

/// <summary>
/// Familiar forms of English given names (Bill for William, Peggy for Margaret), for matching people whose records
/// give different forms of the same name. Names are compared in their <see cref="PersonName.Clean"/> form, so case,
/// accents and punctuation do not matter. Immutable and thread safe.
/// </summary>
/// <remarks>
/// Some familiar forms belong to more than one formal name (Pat: Patrick or Patricia; Alex: Alexander or
/// Alexandra). <see cref="FormalNames"/> returns all of them; <see cref="AreEquivalent"/> treats two names as
/// equivalent when they share any formal name; <see cref="Canonical"/> picks one deterministically, the first in the
/// table, so use it for blocking keys rather than as the final word.
/// </remarks>
public static class Nicknames
{
    /// <summary>(formal name, familiar form) pairs, as written for display.</summary>
    public static IReadOnlyList<(string Formal, string Nickname)> Pairs { get; } =
    [
        ("William", "Bill"), ("William", "Billy"), ("William", "Will"), ("William", "Willy"), ("William", "Liam"),
        ("Robert", "Bob"), ("Robert", "Bobby"), ("Robert", "Rob"), ("Robert", "Robbie"), ("Robert", "Bert"),
        ("James", "Jim"), ("James", "Jimmy"), ("James", "Jamie"),
        ("Richard", "Dick"), ("Richard", "Rich"), ("Richard", "Rick"), ("Richard", "Ricky"),
        ("Thomas", "Tom"), ("Thomas", "Tommy"),
        ("Michael", "Mike"), ("Michael", "Mick"), ("Michael", "Micky"), ("Michael", "Mickey"),
        ("Christopher", "Chris"), ("Christopher", "Kit"),
        ("Anthony", "Tony"), ("Antony", "Tony"), ("Stephen", "Steve"), ("Steven", "Steve"), ("Matthew", "Matt"),
        ("Daniel", "Dan"), ("Daniel", "Danny"), ("Joseph", "Joe"), ("Joseph", "Joey"),
        ("Benjamin", "Ben"), ("Benedict", "Ben"), ("Samuel", "Sam"), ("Samuel", "Sammy"),
        ("Andrew", "Andy"), ("Andrew", "Drew"), ("Peter", "Pete"), ("David", "Dave"), ("David", "Davy"),
        ("Edward", "Ed"), ("Edward", "Eddie"), ("Edward", "Ted"), ("Edward", "Ned"),
        ("Jonathan", "Jon"), ("Jonathan", "Jonny"), ("Nicholas", "Nick"), ("Nicholas", "Nicky"),
        ("Timothy", "Tim"), ("Alexander", "Alex"), ("Alexander", "Sandy"), ("Alexander", "Alec"),
        ("Frederick", "Fred"), ("Frederick", "Freddie"), ("Henry", "Harry"), ("Henry", "Hal"), ("Harold", "Harry"),
        ("John", "Jack"), ("John", "Johnny"), ("Charles", "Charlie"), ("Charles", "Chuck"), ("Charles", "Chas"),
        ("Gerald", "Gerry"), ("Geoffrey", "Geoff"), ("Kenneth", "Ken"), ("Kenneth", "Kenny"),
        ("Ronald", "Ron"), ("Ronald", "Ronnie"), ("Donald", "Don"), ("Leonard", "Len"), ("Leonard", "Lenny"),
        ("Stanley", "Stan"), ("Albert", "Bert"), ("Albert", "Al"), ("Raymond", "Ray"),
        ("Lawrence", "Larry"), ("Lawrence", "Laurie"), ("Gregory", "Greg"), ("Philip", "Phil"), ("Phillip", "Phil"),
        ("Terence", "Terry"), ("Patrick", "Pat"), ("Patrick", "Paddy"), ("Francis", "Frank"), ("Francis", "Fran"),
        ("Alfred", "Alf"), ("Alfred", "Alfie"), ("Douglas", "Doug"), ("Dominic", "Dom"),
        ("Zachary", "Zach"), ("Joshua", "Josh"), ("Nathan", "Nate"), ("Nathaniel", "Nat"), ("Bernard", "Bernie"),
        ("Herbert", "Herb"), ("Reginald", "Reg"), ("Reginald", "Reggie"), ("Sidney", "Sid"), ("Walter", "Wally"),
        ("Victor", "Vic"), ("Malcolm", "Mal"), ("Bradley", "Brad"), ("Sebastian", "Seb"), ("Oliver", "Ollie"),
        ("Mohammed", "Mo"), ("Muhammad", "Mo"), ("Arthur", "Art"), ("Ernest", "Ernie"), ("Eugene", "Gene"),
        ("Margaret", "Peggy"), ("Margaret", "Maggie"), ("Margaret", "Meg"), ("Margaret", "Madge"), ("Margaret", "Greta"),
        ("Elizabeth", "Liz"), ("Elizabeth", "Lizzie"), ("Elizabeth", "Beth"), ("Elizabeth", "Betty"),
        ("Elizabeth", "Bess"), ("Elizabeth", "Eliza"), ("Elizabeth", "Libby"),
        ("Catherine", "Cathy"), ("Catherine", "Kate"), ("Catherine", "Katie"), ("Katherine", "Kate"), ("Katherine", "Kathy"),
        ("Katherine", "Katie"), ("Kathleen", "Kath"), ("Kathleen", "Kathy"),
        ("Patricia", "Pat"), ("Patricia", "Patsy"), ("Patricia", "Trish"),
        ("Jennifer", "Jenny"), ("Jennifer", "Jen"), ("Susan", "Sue"), ("Susan", "Susie"),
        ("Deborah", "Debbie"), ("Deborah", "Deb"), ("Rebecca", "Becky"), ("Rebecca", "Becca"),
        ("Victoria", "Vicky"), ("Victoria", "Tori"), ("Samantha", "Sam"), ("Samantha", "Sammy"),
        ("Alexandra", "Alex"), ("Alexandra", "Lexi"), ("Alexandra", "Sandra"), ("Christine", "Chris"), ("Christine", "Chrissie"),
        ("Christina", "Tina"), ("Jacqueline", "Jackie"), ("Jacqueline", "Jacqui"),
        ("Josephine", "Jo"), ("Josephine", "Josie"), ("Dorothy", "Dot"), ("Dorothy", "Dolly"), ("Dorothy", "Dottie"),
        ("Barbara", "Babs"), ("Barbara", "Barbie"), ("Frances", "Fran"), ("Frances", "Frankie"),
        ("Eleanor", "Ellie"), ("Eleanor", "Nell"), ("Eleanor", "Nora"), ("Abigail", "Abby"), ("Abigail", "Gail"),
        ("Isabella", "Bella"), ("Isabella", "Izzy"), ("Isabel", "Izzy"), ("Amanda", "Mandy"), ("Penelope", "Penny"),
        ("Theresa", "Tess"), ("Theresa", "Terri"), ("Nicola", "Nicky"), ("Gillian", "Gill"), ("Gillian", "Jill"),
        ("Pamela", "Pam"), ("Madeleine", "Maddie"), ("Harriet", "Hattie"), ("Matilda", "Tilly"),
        ("Florence", "Flo"), ("Valerie", "Val"), ("Beatrice", "Bea"), ("Georgina", "Georgie"), ("Georgina", "Gina"),
        ("Caroline", "Caz"), ("Caroline", "Carrie"), ("Rosemary", "Rosie"), ("Joanne", "Jo"), ("Joanna", "Jo"),
        ("Louise", "Lou"), ("Charlotte", "Lottie"), ("Charlotte", "Charlie"), ("Jessica", "Jess"), ("Natalie", "Nat"),
        ("Helen", "Nell"), ("Mary", "Molly"), ("Mary", "Polly"), ("Mary", "May"), ("Anne", "Annie"), ("Ann", "Annie"),
        ("Sarah", "Sally"), ("Emily", "Em"), ("Edith", "Edie"), ("Amelia", "Millie"), ("Mildred", "Millie"),
        ("Julia", "Jules"), ("Veronica", "Ronnie"), ("Winifred", "Winnie"), ("Gwendolyn", "Gwen"),
    ];

    private static readonly Dictionary<string, string[]> FormalByName = BuildIndex();

    /// <summary>
    /// The formal names that <paramref name="name"/> may stand for, in clean upper-case form, first entry first.
    /// A formal name maps to itself; a name the table does not know maps to its own clean form.
    /// Empty for null or blank input.
    /// </summary>
    public static IReadOnlyList<string> FormalNames(string? name)
    {
        var clean = PersonName.Clean(name);
        if (clean.Length == 0)
        {
            return [];
        }

        return FormalByName.TryGetValue(clean, out var formal) ? formal : [clean];
    }

    /// <summary>
    /// One canonical formal name for <paramref name="name"/> in clean upper-case form: <c>"bill"</c> gives
    /// <c>"WILLIAM"</c>, <c>"Margaret"</c> gives <c>"MARGARET"</c>, an unknown name gives its own clean form.
    /// Empty for null or blank input. Ambiguous familiar forms give the first formal name in <see cref="Pairs"/>.
    /// </summary>
    public static string Canonical(string? name)
    {
        var formal = FormalNames(name);
        return formal.Count == 0 ? string.Empty : formal[0];
    }

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> can be the same given name: equal clean forms, or
    /// forms that share a formal name (Bill and Billy, Bill and William, Peggy and Maggie). Blank names are never
    /// equivalent to anything.
    /// </summary>
    public static bool AreEquivalent(string? a, string? b)
    {
        var left = FormalNames(a);
        var right = FormalNames(b);
        foreach (var name in left)
        {
            foreach (var other in right)
            {
                if (string.Equals(name, other, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Dictionary<string, string[]> BuildIndex()
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string name, string formal)
        {
            if (!lists.TryGetValue(name, out var list))
            {
                list = [];
                lists.Add(name, list);
            }

            if (!list.Contains(formal))
            {
                list.Add(formal);
            }
        }

        foreach (var (formal, nickname) in Pairs)
        {
            var cleanFormal = PersonName.Clean(formal);
            Add(cleanFormal, cleanFormal);
            Add(PersonName.Clean(nickname), cleanFormal);
        }

        // Many familiar forms are also given names in their own right (Liam, Sandra, May): a nickname stands for
        // itself too, after its formal names.
        foreach (var (_, nickname) in Pairs)
        {
            var clean = PersonName.Clean(nickname);
            Add(clean, clean);
        }

        return lists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}

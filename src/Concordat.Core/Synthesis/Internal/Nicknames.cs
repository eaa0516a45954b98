namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Familiar forms of given names that people give to one department and not another (Bill for William, Peggy for
/// Margaret). Used to inject nickname variation and, by tests, to check that every injected nickname is a real one.
/// </summary>
internal static class Nicknames
{
    /// <summary>(formal name, familiar form) pairs.</summary>
    public static IReadOnlyList<(string Formal, string Nickname)> Pairs { get; } =
    [
        ("William", "Bill"), ("William", "Will"), ("William", "Billy"),
        ("Robert", "Bob"), ("Robert", "Rob"), ("Robert", "Bobby"), ("Robert", "Bert"),
        ("James", "Jim"), ("James", "Jimmy"), ("James", "Jamie"),
        ("Richard", "Dick"), ("Richard", "Rich"), ("Richard", "Rick"),
        ("Thomas", "Tom"), ("Thomas", "Tommy"),
        ("Michael", "Mike"), ("Michael", "Mick"), ("Michael", "Micky"),
        ("Christopher", "Chris"), ("Christopher", "Kit"),
        ("Anthony", "Tony"), ("Stephen", "Steve"), ("Steven", "Steve"), ("Matthew", "Matt"),
        ("Daniel", "Dan"), ("Daniel", "Danny"), ("Joseph", "Joe"), ("Joseph", "Joey"),
        ("Benjamin", "Ben"), ("Benedict", "Ben"), ("Samuel", "Sam"), ("Andrew", "Andy"), ("Andrew", "Drew"),
        ("Peter", "Pete"), ("David", "Dave"), ("David", "Davy"),
        ("Edward", "Ed"), ("Edward", "Eddie"), ("Edward", "Ted"), ("Edward", "Ned"),
        ("Jonathan", "Jon"), ("Jonathan", "Jonny"), ("Nicholas", "Nick"), ("Nicholas", "Nicky"),
        ("Timothy", "Tim"), ("Alexander", "Alex"), ("Alexander", "Sandy"),
        ("Frederick", "Fred"), ("Frederick", "Freddie"), ("Henry", "Harry"), ("Henry", "Hal"),
        ("John", "Jack"), ("John", "Johnny"), ("Charles", "Charlie"), ("Charles", "Chuck"),
        ("Gerald", "Gerry"), ("Geoffrey", "Geoff"), ("Kenneth", "Ken"), ("Kenneth", "Kenny"),
        ("Ronald", "Ron"), ("Ronald", "Ronnie"), ("Donald", "Don"), ("Leonard", "Len"), ("Leonard", "Lenny"),
        ("Stanley", "Stan"), ("Albert", "Bert"), ("Albert", "Al"), ("Raymond", "Ray"),
        ("Lawrence", "Larry"), ("Lawrence", "Laurie"), ("Gregory", "Greg"), ("Philip", "Phil"),
        ("Terence", "Terry"), ("Patrick", "Pat"), ("Patrick", "Paddy"), ("Francis", "Frank"),
        ("Alfred", "Alf"), ("Alfred", "Alfie"), ("Douglas", "Doug"), ("Douglas", "Dougie"), ("Dominic", "Dom"),
        ("Zachary", "Zach"), ("Joshua", "Josh"), ("Nathan", "Nate"), ("Bernard", "Bernie"),
        ("Herbert", "Herb"), ("Reginald", "Reg"), ("Reginald", "Reggie"), ("Sidney", "Sid"), ("Walter", "Wally"),
        ("Victor", "Vic"), ("Malcolm", "Mal"), ("Bradley", "Brad"), ("Sebastian", "Seb"), ("Oliver", "Ollie"),
        ("Mohammed", "Mo"), ("Muhammad", "Mo"), ("Harold", "Harry"),
        ("Margaret", "Peggy"), ("Margaret", "Maggie"), ("Margaret", "Meg"), ("Margaret", "Madge"),
        ("Elizabeth", "Liz"), ("Elizabeth", "Beth"), ("Elizabeth", "Betty"), ("Elizabeth", "Lizzie"),
        ("Elizabeth", "Eliza"), ("Elizabeth", "Bess"),
        ("Catherine", "Cathy"), ("Catherine", "Kate"), ("Katherine", "Kate"), ("Katherine", "Kathy"),
        ("Katherine", "Katie"), ("Kathleen", "Kath"), ("Kathleen", "Kathy"),
        ("Patricia", "Pat"), ("Patricia", "Patsy"), ("Patricia", "Trish"),
        ("Jennifer", "Jenny"), ("Jennifer", "Jen"), ("Susan", "Sue"), ("Susan", "Susie"),
        ("Deborah", "Debbie"), ("Deborah", "Deb"), ("Rebecca", "Becky"), ("Rebecca", "Becca"),
        ("Victoria", "Vicky"), ("Victoria", "Tori"), ("Samantha", "Sam"), ("Samantha", "Sammy"),
        ("Alexandra", "Alex"), ("Alexandra", "Lexi"), ("Christine", "Chris"), ("Christine", "Chrissie"),
        ("Christina", "Tina"), ("Jacqueline", "Jackie"), ("Jacqueline", "Jacqui"),
        ("Josephine", "Jo"), ("Josephine", "Josie"), ("Dorothy", "Dot"), ("Dorothy", "Dolly"), ("Dorothy", "Dottie"),
        ("Barbara", "Babs"), ("Frances", "Fran"), ("Frances", "Frankie"),
        ("Eleanor", "Ellie"), ("Eleanor", "Nell"), ("Eleanor", "Nora"), ("Abigail", "Abby"), ("Abigail", "Gail"),
        ("Isabella", "Bella"), ("Isabella", "Izzy"), ("Amanda", "Mandy"), ("Penelope", "Penny"),
        ("Theresa", "Tess"), ("Theresa", "Terri"), ("Nicola", "Nicky"), ("Gillian", "Gill"), ("Gillian", "Jill"),
        ("Pamela", "Pam"), ("Madeleine", "Maddie"), ("Harriet", "Hattie"), ("Matilda", "Tilly"),
        ("Florence", "Flo"), ("Valerie", "Val"), ("Beatrice", "Bea"), ("Georgina", "Georgie"), ("Georgina", "Gina"),
        ("Caroline", "Caz"), ("Rosemary", "Rosie"), ("Joanne", "Jo"), ("Joanna", "Jo"), ("Louise", "Lou"),
        ("Charlotte", "Lottie"), ("Jessica", "Jess"), ("Natalie", "Nat"), ("Helen", "Nell"),
        ("Mary", "Molly"), ("Mary", "Polly"), ("Anne", "Annie"), ("Sarah", "Sally"), ("Emily", "Em"),
        ("Edith", "Edie"), ("Amelia", "Millie"), ("Julia", "Jules"),
    ];

    private static readonly Dictionary<string, string[]> ByFormal = BuildIndex();

    /// <summary>The familiar forms of <paramref name="formal"/>; empty when it has none.</summary>
    public static ReadOnlySpan<string> For(string formal) =>
        ByFormal.TryGetValue(formal, out var forms) ? forms : [];

    private static Dictionary<string, string[]> BuildIndex()
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (formal, nickname) in Pairs)
        {
            if (!lists.TryGetValue(formal, out var list))
            {
                list = [];
                lists.Add(formal, list);
            }

            list.Add(nickname);
        }

        var index = new Dictionary<string, string[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (formal, list) in lists)
        {
            index.Add(formal, [.. list]);
        }

        return index;
    }
}

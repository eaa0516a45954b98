namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Given names by sex, most frequent first, mixing the generations and communities of the UK population (including
/// Welsh, Scottish, Irish, South Asian, African, Chinese and Polish names). Ranks drive Zipf weights, so the order
/// matters more than the exact membership. Every name is in the Latin-1 repertoire so it survives windows-1252 and
/// EBCDIC code page 037.
/// </summary>
internal static class GivenNames
{
    /// <summary>Female given names, most frequent first.</summary>
    public static IReadOnlyList<string> Female { get; } =
    [
        "Sarah", "Margaret", "Elizabeth", "Susan", "Emma", "Mary", "Patricia", "Helen", "Karen", "Julie",
        "Claire", "Jennifer", "Linda", "Christine", "Catherine", "Jacqueline", "Nicola", "Amanda", "Rachel", "Lisa",
        "Joanne", "Laura", "Deborah", "Michelle", "Jane", "Samantha", "Louise", "Gillian", "Alison", "Dorothy",
        "Barbara", "Anne", "Joan", "Sandra", "Pauline", "Carol", "Janet", "Kathleen", "Jean", "Angela",
        "Victoria", "Rebecca", "Hannah", "Charlotte", "Amy", "Sophie", "Jessica", "Lucy", "Olivia", "Amelia",
        "Emily", "Grace", "Chloe", "Isla", "Ava", "Ella", "Mia", "Poppy", "Isabella", "Freya",
        "Lily", "Evie", "Sophia", "Ruby", "Daisy", "Alice", "Florence", "Phoebe", "Holly", "Megan",
        "Lauren", "Bethany", "Katie", "Jade", "Gemma", "Kirsty", "Zoe", "Zoë", "Natalie", "Hayley",
        "Kelly", "Stacey", "Donna", "Tracey", "Wendy", "Dawn", "Lorraine", "Elaine", "Diane", "Maureen",
        "Brenda", "Shirley", "Sheila", "Doreen", "Irene", "Eileen", "Beryl", "Doris", "Edna", "Violet",
        "Hilda", "Marjorie", "Joyce", "Audrey", "Valerie", "Sylvia", "Iris", "Rose", "Ivy", "Evelyn",
        "Elsie", "Ada", "Edith", "Maisie", "Matilda", "Harriet", "Eleanor", "Imogen", "Abigail", "Georgia",
        "Millie", "Scarlett", "Layla", "Aisha", "Fatima", "Maryam", "Zainab", "Amira", "Priya", "Anjali",
        "Sunita", "Harpreet", "Simran", "Mei", "Ling", "Aoife", "Niamh", "Siobhán", "Róisín", "Saoirse",
        "Ciara", "Orla", "Siân", "Bethan", "Ffion", "Cerys", "Catrin", "Seren", "Eilidh", "Morag",
        "Fiona", "Ailsa", "Mhairi", "Kerry", "Leanne", "Nadia", "Agnieszka", "Katarzyna", "Renée", "Chloé",
        "Anaïs", "Ellie-Mae", "Mary-Jane", "Lily-Rose", "Anne-Marie", "Bridget", "Theresa", "Frances", "Josephine", "Caroline",
        "Katherine", "Alexandra", "Christina", "Penelope", "Pamela", "Rosemary", "Beatrice", "Georgina", "Madeleine", "Deirdre",
        "Adaeze", "Chiamaka", "Ngozi", "Abena", "Yaa", "Nasreen", "Shabana", "Rukhsana", "Noor", "Hafsa",
        "Joanna", "Julia", "Sara", "Marta", "Ewa", "Ana", "Inês", "Lucía", "Ines", "Esther",
        "Ruth", "Naomi", "Miriam", "Judith", "Heather", "Paula", "Tina", "Lynn", "Marie", "Yvonne",
    ];

    /// <summary>Male given names, most frequent first.</summary>
    public static IReadOnlyList<string> Male { get; } =
    [
        "David", "John", "Michael", "Paul", "Andrew", "Peter", "Robert", "James", "Mark", "Richard",
        "Stephen", "Christopher", "William", "Thomas", "Daniel", "Ian", "Anthony", "Steven", "Matthew", "Kevin",
        "Gary", "Alan", "Brian", "Martin", "Simon", "Jonathan", "Graham", "Neil", "Keith", "Colin",
        "George", "Philip", "Stuart", "Lee", "Darren", "Jason", "Craig", "Adam", "Benjamin", "Samuel",
        "Joseph", "Jack", "Harry", "Oliver", "Charlie", "Jacob", "Alfie", "Noah", "Oscar", "Leo",
        "Archie", "Henry", "Freddie", "Theo", "Arthur", "Muhammad", "Mohammed", "Ahmed", "Ali", "Omar",
        "Yusuf", "Ibrahim", "Hassan", "Imran", "Bilal", "Raj", "Sanjay", "Arjun", "Rohan", "Vikram",
        "Gurpreet", "Harjit", "Wei", "Jun", "Kwame", "Chinedu", "Oluwaseun", "Tunde", "Kofi", "Dylan",
        "Rhys", "Gareth", "Dafydd", "Iwan", "Owain", "Huw", "Gethin", "Callum", "Ewan", "Hamish",
        "Angus", "Alasdair", "Fraser", "Ruaridh", "Lachlan", "Seán", "Ciarán", "Éamonn", "Pádraig", "Liam",
        "Connor", "Declan", "Niall", "Kieran", "Ryan", "Luke", "Nathan", "Jordan", "Kyle", "Scott",
        "Shaun", "Wayne", "Dean", "Carl", "Barry", "Terence", "Raymond", "Kenneth", "Ronald", "Donald",
        "Frederick", "Albert", "Ernest", "Harold", "Leonard", "Stanley", "Sidney", "Walter", "Norman", "Frank",
        "Edward", "Francis", "Patrick", "Gerald", "Geoffrey", "Dennis", "Derek", "Trevor", "Roy", "Leslie",
        "Clive", "Nigel", "Roger", "Malcolm", "Gordon", "Douglas", "Alexander", "Nicholas", "Timothy", "Jeremy",
        "Gregory", "Lawrence", "Vincent", "Victor", "Russell", "Howard", "Duncan", "Fergus", "Rory", "Finn",
        "Reuben", "Elliot", "Toby", "Max", "Louis", "Joshua", "Ethan", "Tyler", "Aaron", "Zachary",
        "Harrison", "Sebastian", "Hugo", "Felix", "Jamie", "Kai", "Mason", "Logan", "Lewis", "Cameron",
        "Aidan", "Bradley", "Jake", "Jean-Paul", "José", "André", "René", "Zoltán", "Piotr", "Tomasz",
        "Krzysztof", "Marek", "Andrzej", "Mateusz", "João", "Luís", "Giovanni", "Marco", "Emeka", "Segun",
        "Abdul", "Tariq", "Zubair", "Kamran", "Jaspal", "Manjit", "Deepak", "Hao", "Charles", "Dominic",
        "Benedict", "Samuel-James", "Alfred", "Herbert", "Cyril", "Eric", "Reginald", "Bernard", "Hugh", "Ralph",
    ];

    /// <summary>Names mostly given before about 1960; rare among people born since.</summary>
    public static IReadOnlySet<string> Older { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Margaret", "Patricia", "Linda", "Christine", "Dorothy", "Barbara", "Joan", "Sandra", "Pauline", "Carol",
        "Janet", "Kathleen", "Jean", "Brenda", "Shirley", "Sheila", "Doreen", "Irene", "Eileen", "Beryl",
        "Doris", "Edna", "Violet", "Hilda", "Marjorie", "Joyce", "Audrey", "Valerie", "Sylvia", "Iris",
        "Ivy", "Elsie", "Edith", "Maureen", "Pamela", "Rosemary", "Deirdre", "Bridget", "Theresa", "Josephine",
        "Gillian", "Susan", "Elaine", "Diane", "Lorraine", "Yvonne", "Lynn", "Judith", "Morag",
        "Brian", "Alan", "Keith", "Colin", "Terence", "Raymond", "Kenneth", "Ronald", "Donald", "Frederick",
        "Albert", "Ernest", "Harold", "Leonard", "Stanley", "Sidney", "Walter", "Norman", "Gerald", "Geoffrey",
        "Dennis", "Derek", "Trevor", "Roy", "Leslie", "Clive", "Nigel", "Roger", "Malcolm", "Gordon",
        "Douglas", "Herbert", "Cyril", "Eric", "Reginald", "Bernard", "Ralph", "Hugh", "Graham", "Barry", "Frank",
    };

    /// <summary>Names mostly given since about 1995; rare among people born before 1960.</summary>
    public static IReadOnlySet<string> Younger { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Olivia", "Amelia", "Isla", "Ava", "Ella", "Mia", "Poppy", "Isabella", "Freya", "Lily",
        "Evie", "Sophia", "Ruby", "Daisy", "Maisie", "Matilda", "Millie", "Scarlett", "Layla", "Imogen",
        "Phoebe", "Ellie-Mae", "Lily-Rose", "Amira", "Maryam", "Zainab", "Hafsa", "Noor", "Seren", "Saoirse",
        "Chloe", "Chloé", "Grace", "Emily", "Megan", "Lauren", "Bethany", "Holly", "Abigail", "Georgia",
        "Oliver", "Charlie", "Jacob", "Alfie", "Noah", "Oscar", "Leo", "Archie", "Freddie", "Theo",
        "Harry", "Jack", "Finn", "Reuben", "Toby", "Max", "Ethan", "Tyler", "Zachary", "Harrison",
        "Sebastian", "Hugo", "Felix", "Kai", "Mason", "Logan", "Lewis", "Cameron", "Dylan", "Callum",
        "Connor", "Kyle", "Jordan", "Joshua", "Liam", "Luke", "Nathan", "Jake", "Bradley", "Aidan",
        "Samuel-James", "Yusuf", "Lachlan", "Ruaridh",
    };
}

using System.Globalization;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Towns, streets and street types for synthetic addresses. Postcode districts are real outward codes of each town;
/// landline numbers come from Ofcom's ranges reserved for drama (e.g. 0113 496 0xxx for Leeds), so no generated
/// number reaches a real subscriber.
/// </summary>
internal static class Places
{
    /// <summary>Letters allowed in the last two characters of a postcode (never C, I, K, M, O or V).</summary>
    public const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    /// <summary>Ofcom drama range for mobiles: 07700 900000 to 07700 900999.</summary>
    public const string MobilePrefix = "07700 900";

    /// <summary>Ofcom drama range with no geographic area: 01632 960000 to 01632 960999.</summary>
    public const string NonGeographicPrefix = "01632 960";

    /// <summary>Post towns, weighted by population.</summary>
    public static IReadOnlyList<Town> Towns { get; } =
    [
        new("London", [.. Range("E", 1, 18), .. Range("N", 1, 22), .. Range("SE", 1, 28), .. Range("SW", 1, 20), .. Range("NW", 1, 11), .. Range("W", 1, 14)], 8900, "020 7946 0", Nation.England),
        new("Birmingham", Range("B", 1, 48), 1140, "0121 496 0", Nation.England),
        new("Manchester", Range("M", 1, 40), 550, "0161 496 0", Nation.England),
        new("Leeds", Range("LS", 1, 29), 810, "0113 496 0", Nation.England),
        new("Glasgow", Range("G", 1, 53), 630, "0141 496 0", Nation.Scotland),
        new("Sheffield", Range("S", 1, 36), 580, "0114 496 0", Nation.England),
        new("Bradford", Range("BD", 1, 15), 540, null, Nation.England),
        new("Liverpool", Range("L", 1, 38), 490, "0151 496 0", Nation.England),
        new("Edinburgh", Range("EH", 1, 17), 520, "0131 496 0", Nation.Scotland),
        new("Bristol", Range("BS", 1, 16), 470, "0117 496 0", Nation.England),
        new("Cardiff", Range("CF", 10, 24), 360, "029 2018 0", Nation.Wales),
        new("Leicester", Range("LE", 1, 9), 360, "0116 496 0", Nation.England),
        new("Coventry", Range("CV", 1, 6), 345, null, Nation.England),
        new("Nottingham", Range("NG", 1, 17), 330, "0115 496 0", Nation.England),
        new("Newcastle upon Tyne", Range("NE", 1, 15), 300, "0191 498 0", Nation.England),
        new("Belfast", Range("BT", 1, 17), 345, "028 9649 6", Nation.NorthernIreland),
        new("Wakefield", Range("WF", 1, 4), 350, null, Nation.England),
        new("Hull", Range("HU", 1, 10), 260, null, Nation.England),
        new("Stoke-on-Trent", Range("ST", 1, 6), 255, null, Nation.England),
        new("York", ["YO1", "YO10", "YO19", "YO23", "YO24", "YO26", "YO30", "YO31", "YO32"], 200, null, Nation.England),
        new("Plymouth", Range("PL", 1, 9), 265, null, Nation.England),
        new("Southampton", Range("SO", 14, 19), 250, null, Nation.England),
        new("Reading", Range("RG", 1, 6), 175, "0118 496 0", Nation.England),
        new("Derby", ["DE1", "DE3", "DE21", "DE22", "DE23", "DE24"], 260, null, Nation.England),
        new("Swansea", Range("SA", 1, 7), 245, null, Nation.Wales),
        new("Aberdeen", Range("AB", 10, 25), 230, null, Nation.Scotland),
        new("Dundee", Range("DD", 1, 5), 150, null, Nation.Scotland),
        new("Norwich", Range("NR", 1, 7), 145, null, Nation.England),
        new("Oxford", Range("OX", 1, 4), 160, null, Nation.England),
        new("Cambridge", Range("CB", 1, 5), 145, null, Nation.England),
        new("Exeter", Range("EX", 1, 6), 130, null, Nation.England),
        new("Brighton", Range("BN", 1, 3), 290, null, Nation.England),
        new("Milton Keynes", Range("MK", 1, 15), 290, null, Nation.England),
        new("Preston", Range("PR", 1, 5), 150, null, Nation.England),
        new("Bath", Range("BA", 1, 2), 95, null, Nation.England),
        new("Durham", ["DH1"], 50, "0191 498 0", Nation.England),
        new("Inverness", Range("IV", 1, 3), 50, null, Nation.Scotland),
        new("Newport", Range("NP", 10, 20), 160, null, Nation.Wales),
        new("Wrexham", Range("LL", 11, 14), 65, null, Nation.Wales),
        new("Londonderry", ["BT47", "BT48"], 85, "028 9649 6", Nation.NorthernIreland),
        new("Huddersfield", Range("HD", 1, 8), 160, null, Nation.England),
        new("Halifax", Range("HX", 1, 7), 90, null, Nation.England),
    ];

    /// <summary>Street names, most common first.</summary>
    public static IReadOnlyList<string> Streets { get; } =
    [
        "High", "Station", "Main", "Park", "Church", "London", "Victoria", "Green", "Manor", "Mill",
        "Queen's", "King's", "St John's", "Albert", "Alexandra", "Windsor", "York", "Grange", "Springfield", "Highfield",
        "Chestnut", "Oak", "Elm", "Beech", "Ash", "Willow", "Cedar", "Maple", "Birch", "Hawthorn",
        "Holly", "Rowan", "Meadow", "Orchard", "Riverside", "Bridge", "Castle", "Chapel", "School", "North",
        "South", "West", "East", "New", "Westfield", "Moor", "Hill", "Marlborough", "Cavendish", "Wellington",
        "Nelson", "Trafalgar", "Balmoral", "Stanley", "Cromwell", "Mount Pleasant", "Wood", "Forest", "Lime", "Poplar",
        "Laburnum", "Lilac", "Primrose", "Jubilee", "Coronation", "Princess", "Farm", "Brook", "Spring", "Sycamore",
        "Heather", "Fern", "Ivy", "Clarence", "Devonshire", "Richmond", "Salisbury", "Hampton", "Beaconsfield", "Gladstone",
        "Glebe", "Vicarage", "Rectory", "Abbey", "Priory", "Cherry", "Hazel", "Juniper", "Kestrel", "Heron",
    ];

    /// <summary>Street types with the abbreviations clerks type (Rd for Road).</summary>
    public static IReadOnlyList<(string Full, string Abbreviation)> StreetTypes { get; } =
    [
        ("Road", "Rd"), ("Street", "St"), ("Lane", "Ln"), ("Close", "Cl"), ("Avenue", "Ave"), ("Drive", "Dr"),
        ("Way", "Wy"), ("Crescent", "Cres"), ("Gardens", "Gdns"), ("Grove", "Gr"), ("Place", "Pl"), ("Court", "Ct"),
        ("Terrace", "Terr"), ("View", "Vw"), ("Walk", "Wlk"), ("Rise", "Rise"), ("Mews", "Mews"), ("Square", "Sq"),
    ];

    private static string[] Range(string area, int first, int last)
    {
        var districts = new string[last - first + 1];
        for (var i = 0; i < districts.Length; i++)
        {
            districts[i] = area + (first + i).ToString(CultureInfo.InvariantCulture);
        }

        return districts;
    }
}

using System.Globalization;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Employers and pension payers for the tax extract, each with a fixed PAYE reference (tax office number, a slash,
/// then letters and digits). Names include commas, ampersands and apostrophes, which CSV and XML must escape.
/// </summary>
internal static class Employers
{
    private static readonly string[] EmployerNames =
    [
        "Tesco Stores Ltd", "Sainsbury's Supermarkets Ltd", "NHS Leeds Teaching Hospitals Trust", "Royal Mail Group Ltd",
        "Marks & Spencer plc", "Greggs plc", "BT Group plc", "Leeds City Council", "Birmingham City Council",
        "Amazon UK Services Ltd", "Whitbread Group plc", "J D Wetherspoon plc", "Asda Stores Ltd", "Wm Morrison Supermarkets Ltd",
        "Boots UK Ltd", "Balfour Beatty Group Ltd", "Capita plc", "Serco Ltd", "Compass Group UK & Ireland Ltd",
        "Jones, Smith & Partners LLP", "Barclays Bank UK plc", "Lloyds Bank plc", "HSBC UK Bank plc", "Aviva plc",
        "Rolls-Royce plc", "BAE Systems plc", "Jaguar Land Rover Ltd", "Nissan Motor Manufacturing (UK) Ltd",
        "University of Manchester", "University of Glasgow", "Cardiff University", "Ministry of Defence",
        "Department for Work and Pensions", "HM Revenue and Customs", "Arriva UK Bus Ltd", "FirstGroup plc",
        "Pret A Manger (Europe) Ltd", "O'Neill's Bar & Kitchen Ltd", "Côté Restaurants Ltd", "Kwik Fit (GB) Ltd",
        "Dunelm (Soft Furnishings) Ltd", "Next Retail Ltd", "Primark Stores Ltd", "John Lewis plc",
    ];

    private static readonly string[] PensionPayerNames =
    [
        "Aviva Life & Pensions UK Ltd", "Legal & General Assurance Society Ltd", "Scottish Widows Ltd",
        "NHS Pensions", "Teachers' Pensions", "Civil Service Pension Scheme", "Local Government Pension Scheme (West Yorkshire)",
        "Royal London Mutual Insurance Society Ltd", "Phoenix Life Ltd", "Standard Life Assurance Ltd",
    ];

    /// <summary>Employers of working-age people.</summary>
    public static IReadOnlyList<(string Name, string PayeReference)> Employing { get; } = Build(EmployerNames, 0);

    /// <summary>Payers of occupational and private pensions.</summary>
    public static IReadOnlyList<(string Name, string PayeReference)> PensionPayers { get; } = Build(PensionPayerNames, 1);

    private static (string, string)[] Build(string[] names, int stream)
    {
        var random = SynthRandom.For(0x50415945UL, names.Length, stream);
        var result = new (string, string)[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var office = 100 + random.Next(900);
            var letters = string.Concat(((char)('A' + random.Next(26))).ToString(), ((char)('A' + random.Next(26))).ToString());
            var number = random.Next(100_000);
            result[i] = (names[i], string.Create(CultureInfo.InvariantCulture, $"{office}/{letters}{number:D5}"));
        }

        return result;
    }
}

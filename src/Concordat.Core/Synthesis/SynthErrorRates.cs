namespace Concordat.Core.Synthesis;

/// <summary>
/// How often each kind of error is injected. Every rate is a probability in [0, 1] applied independently per record
/// (per person for <see cref="Duplicate"/>); an error is only counted when it could be applied (a nickname needs a
/// name that has one, a day/month swap needs both parts to be 12 or less).
/// </summary>
public sealed record SynthErrorRates
{
    /// <summary>No errors at all: every record shows the truth as the department knows it.</summary>
    public static SynthErrorRates None { get; } = new()
    {
        Typo = 0,
        Nickname = 0,
        DayMonthSwap = 0,
        MissingField = 0,
        StaleAddress = 0,
        StaleName = 0,
        Duplicate = 0,
        InvalidIdentifier = 0,
    };

    /// <summary>
    /// Heavier corruption for testing linkage, well beyond what the departments' extracts usually show: frequent slips
    /// (sometimes two), nicknames, swapped names and dates, blanks, identifiers missing from a third of records, most
    /// people's latest move and change of name unknown, and people living with another person under that person's
    /// family name and address (a fifth of them born the same day, as twins). Used by
    /// <c>concordat synth --people-csv --heavy</c>.
    /// </summary>
    public static SynthErrorRates Heavy { get; } = new()
    {
        Typo = 0.2,
        SecondTypo = 0.3,
        Nickname = 0.1,
        DayMonthSwap = 0.03,
        MissingField = 0.1,
        StaleAddress = 0.4,
        StaleName = 0.5,
        Duplicate = 0.02,
        InvalidIdentifier = 0.01,
        SwappedNames = 0.03,
        MissingIdentifier = 0.3,
        Household = 0.08,
    };

    /// <summary>A record has a typo in its given or family name.</summary>
    public double Typo { get; init; } = 0.02;

    /// <summary>A record uses a familiar form of the given name.</summary>
    public double Nickname { get; init; } = 0.03;

    /// <summary>A record has day and month of birth swapped.</summary>
    public double DayMonthSwap { get; init; } = 0.01;

    /// <summary>A record has one field blank.</summary>
    public double MissingField { get; init; } = 0.02;

    /// <summary>For a person who has moved, the department was not told of the latest move.</summary>
    public double StaleAddress { get; init; } = 0.15;

    /// <summary>For a person whose family name changed on marriage in the last ten years, the department was not told.</summary>
    public double StaleName { get; init; } = 0.2;

    /// <summary>A person appears twice in one department, under two record ids, with a small difference.</summary>
    public double Duplicate { get; init; } = 0.01;

    /// <summary>A record carries an invalid identifier (NINO, NHS number or postcode), so ingest has work to quarantine.</summary>
    public double InvalidIdentifier { get; init; } = 0.003;

    /// <summary>A record with a typo gets a second one (in either name).</summary>
    public double SecondTypo { get; init; }

    /// <summary>A record has the given and family names exchanged.</summary>
    public double SwappedNames { get; init; }

    /// <summary>Each identifier of a record (NINO, NHS number, e-mail, phone) is left out, independently.</summary>
    public double MissingIdentifier { get; init; }

    /// <summary>
    /// A person lives with another person of the population, under that person's family name and at their address
    /// (a move in); one in five of them share the other's date of birth, as twins. People CSV only.
    /// </summary>
    public double Household { get; init; }

    /// <summary>Each rate with its name, for validation and display.</summary>
    public IReadOnlyList<(string Name, double Rate)> All() =>
    [
        (nameof(Typo), Typo),
        (nameof(Nickname), Nickname),
        (nameof(DayMonthSwap), DayMonthSwap),
        (nameof(MissingField), MissingField),
        (nameof(StaleAddress), StaleAddress),
        (nameof(StaleName), StaleName),
        (nameof(Duplicate), Duplicate),
        (nameof(InvalidIdentifier), InvalidIdentifier),
        (nameof(SecondTypo), SecondTypo),
        (nameof(SwappedNames), SwappedNames),
        (nameof(MissingIdentifier), MissingIdentifier),
        (nameof(Household), Household),
    ];
}

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
    ];
}

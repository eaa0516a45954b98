using System.Globalization;

namespace Concordat.Core.Standards;

/// <summary>
/// Strict ISO 8601 dates and instants, the forms Concordat stores and exchanges (standards A2/B2): calendar dates as
/// <c>yyyy-MM-dd</c> and instants in UTC with a <c>Z</c>. Pure and thread safe.
/// </summary>
public static class IsoDate
{
    /// <summary>The .NET format of a stored calendar date, e.g. <c>2024-02-29</c>.</summary>
    public const string DateFormat = "yyyy'-'MM'-'dd";

    /// <summary>
    /// The .NET format of a stored instant, e.g. <c>2024-06-01T12:00:00Z</c> or <c>2024-06-01T12:00:00.5Z</c>:
    /// UTC, with the fraction of a second only when it is not zero and without trailing zeros.
    /// </summary>
    public const string DateTimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

    private const int DateLength = 10;

    // Longest instant: 2024-06-01T12:00:00.1234567+01:00.
    private const int MaxDateTimeLength = 33;

    private static readonly string[] UtcFormats =
    [
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'",
        "yyyy'-'MM'-'dd'T'HH':'mm'Z'",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz",
        "yyyy'-'MM'-'dd'T'HH':'mmzzz",
    ];

    /// <summary>
    /// Parses a calendar date written exactly as <c>yyyy-MM-dd</c> (four-digit year, two-digit month and day, hyphens,
    /// no white space, no time). Invalid dates such as <c>2023-02-29</c> are rejected.
    /// </summary>
    /// <param name="input">The text to parse.</param>
    /// <param name="date">The date, or default when invalid.</param>
    /// <returns>True when the input is a valid strict ISO 8601 calendar date.</returns>
    public static bool TryParseDate(string? input, out DateOnly date) => TryParseDate(input.AsSpan(), out date);

    /// <summary>
    /// Parses an ISO 8601 instant with seconds optional, up to seven fractional digits and a required offset: <c>Z</c> or
    /// <c>+hh:mm</c>/<c>-hh:mm</c>, e.g. <c>2024-06-01T13:00:00+01:00</c>. A time without an offset is rejected because
    /// its instant is unknown. The result is converted to UTC (offset zero).
    /// </summary>
    /// <param name="input">The text to parse.</param>
    /// <param name="instant">The instant in UTC, or default when invalid.</param>
    /// <returns>True when the input is a valid ISO 8601 instant with an offset.</returns>
    public static bool TryParseDateTime(string? input, out DateTimeOffset instant)
    {
        instant = default;
        if (input is null || input.Length <= DateLength || input.Length > MaxDateTimeLength || input[DateLength] != 'T'
            || !TryParseDate(input.AsSpan(0, DateLength), out _))
        {
            return false;
        }

        bool parsed = input[^1] == 'Z'
            ? DateTimeOffset.TryParseExact(input, UtcFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant)
            : DateTimeOffset.TryParseExact(input, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
        if (!parsed)
        {
            instant = default;
            return false;
        }

        instant = instant.ToUniversalTime();
        return true;
    }

    /// <summary>Formats a date as <c>yyyy-MM-dd</c>.</summary>
    public static string FormatDate(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Formats an instant in UTC as <see cref="DateTimeFormat"/>, e.g. <c>2024-06-01T12:00:00Z</c>.</summary>
    public static string FormatDateTime(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Formats a date as <c>yyyy-MM-dd</c> into a buffer of at least ten characters, without allocating.</summary>
    // The round-trip format "O" is yyyy-MM-dd for a DateOnly, written by a fixed fast path rather than by the
    // general custom-format interpreter that DateFormat goes through (which showed in ingest profiles).
    internal static bool TryFormatDate(DateOnly date, Span<char> destination, out int written) =>
        date.TryFormat(destination, out written, "O", CultureInfo.InvariantCulture);

    /// <summary>Formats an instant in UTC as <see cref="DateTimeFormat"/> into a buffer, without allocating.</summary>
    internal static bool TryFormatDateTime(DateTimeOffset instant, Span<char> destination, out int written) =>
        instant.UtcDateTime.TryFormat(destination, out written, DateTimeFormat, CultureInfo.InvariantCulture);

    private static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != DateLength || s[4] != '-' || s[7] != '-')
        {
            return false;
        }

        if (!TryDigits(s[..4], out int year) || !TryDigits(s.Slice(5, 2), out int month) || !TryDigits(s.Slice(8, 2), out int day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}

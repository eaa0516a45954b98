using System.Globalization;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>Shared handling of .NET custom date formats for <c>parseDate</c> and <c>parseDateTime</c>.</summary>
internal static class DateFormats
{
    /// <summary>Why a format list cannot be used, or null when every format is usable.</summary>
    internal static string? Problem(string op, IReadOnlyList<string>? formats)
    {
        if (formats is null)
        {
            return null;
        }

        if (formats.Count == 0)
        {
            return $"Transform '{op}' has an empty 'formats' list; leave it out to use the defaults.";
        }

        var sample = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Unspecified);
        foreach (string format in formats)
        {
            if (string.IsNullOrWhiteSpace(format))
            {
                return $"Transform '{op}' has a blank entry in 'formats'.";
            }

            try
            {
                _ = sample.ToString(format, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                return $"Transform '{op}' has '{format}' in 'formats', which is not a valid .NET date format.";
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="format"/> has a year of one or two digits (<c>y</c> or <c>yy</c> outside quotes).
    /// A one-character format is a standard format, and the invariant culture's standard formats use four digits.
    /// </summary>
    internal static bool HasTwoDigitYear(string format)
    {
        if (format.Length == 1)
        {
            return false;
        }

        int i = 0;
        while (i < format.Length)
        {
            char c = format[i];
            if (c is '\'' or '"')
            {
                int close = format.IndexOf(c, i + 1);
                i = close < 0 ? format.Length : close + 1;
            }
            else if (c == '\\')
            {
                i += 2;
            }
            else if (c == 'y')
            {
                int run = 1;
                while (i + run < format.Length && format[i + run] == 'y')
                {
                    run++;
                }

                if (run <= 2)
                {
                    return true;
                }

                i += run;
            }
            else
            {
                i++;
            }
        }

        return false;
    }

    /// <summary>
    /// Chooses the century for a date parsed from a two-digit year: the latest year ending in those two digits that
    /// does not put the date after <paramref name="today"/>. On 2025-06-01, <c>25</c> with 1 January is 2025 but with
    /// 31 December is 1925, and <c>30</c> is 1930. This suits dates of birth, which is where two-digit years survive
    /// in legacy extracts; a future date needs a four-digit year.
    /// </summary>
    /// <returns>False when the day does not exist in the chosen year (29 February 1900).</returns>
    internal static bool TryResolveCentury(int parsedYear, int month, int day, DateOnly today, out int year)
    {
        int twoDigits = parsedYear % 100;
        year = today.Year - ((today.Year % 100 - twoDigits + 100) % 100);
        if (year == today.Year && (month > today.Month || (month == today.Month && day > today.Day)))
        {
            year -= 100;
        }

        return year >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    /// <summary>The failure reason for a value that matches none of the formats; it does not repeat the value.</summary>
    internal static string NoMatchReason(string what, IReadOnlyList<string> formats) =>
        formats.Count == 1
            ? $"The value is not {what} in the format {formats[0]}."
            : $"The value is not {what} in any of the formats {string.Join(", ", formats)}.";
}

using System.Globalization;
using System.Text;

namespace Concordat.Core.Linkage.Internal;

/// <summary>Standardises raw values by column role before they are encoded; null for a value that is missing.</summary>
internal static class Standardiser
{
    public static string? Standardise(string? raw, ColumnRole role)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = role switch
        {
            ColumnRole.GivenName or ColumnRole.FamilyName => Letters(raw),
            ColumnRole.DateOfBirth => Date(raw),
            ColumnRole.Sex => char.ToUpperInvariant(raw.Trim()[0]).ToString(),
            ColumnRole.Postcode => Postcode(raw),
            ColumnRole.Address => Words(raw),
            ColumnRole.Nino => Keep(raw, static c => char.IsAsciiLetterOrDigit(c), upper: true),
            ColumnRole.NhsNumber or ColumnRole.Phone => Keep(raw, static c => char.IsAsciiDigit(c), upper: false),
            ColumnRole.Email => raw.Trim().ToLowerInvariant(),
            _ => Words(raw),
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Days since 0001-01-01 for a standardised date (yyyy-MM-dd).</summary>
    public static int DayNumber(string date) =>
        DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;

    private static string? Date(string raw)
    {
        var text = raw.Trim();
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "yyyyMMdd", "dd-MM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return null;
    }

    private static string Postcode(string raw)
    {
        var compact = Keep(raw, static c => char.IsAsciiLetterOrDigit(c), upper: true);
        return compact.Length is >= 5 and <= 7 ? string.Concat(compact.AsSpan(0, compact.Length - 3), " ", compact.AsSpan(compact.Length - 3)) : compact;
    }

    private static string Letters(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        var space = false;
        foreach (var c in raw.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetter(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToUpperInvariant(c));
                space = false;
            }
            else if (c is ' ' or '-' or '.' or ',')
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    private static string Words(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        var space = false;
        foreach (var c in raw)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToUpperInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    private static string Keep(string raw, Func<char, bool> keep, bool upper)
    {
        Span<char> buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        var n = 0;
        foreach (var c in raw)
        {
            if (keep(c))
            {
                buffer[n++] = upper ? char.ToUpperInvariant(c) : c;
            }
        }

        return new string(buffer[..n]);
    }
}

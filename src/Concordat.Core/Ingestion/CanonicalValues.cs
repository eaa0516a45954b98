using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Concordat.Core.Ingestion;

/// <summary>
/// The canonical text of typed values, which a record's content hash is taken over, so that change detection compares
/// values as the schema types them: <c>211.00</c>, <c>211.0</c>, <c>2.11E2</c> and <c>+211</c> are one number and
/// store as <c>211</c>. Integers, booleans, dates and instants were already canonical (invariant integers,
/// <c>true</c>/<c>false</c>, <c>yyyy-MM-dd</c>, UTC instants without trailing fraction zeros); numbers kept the scale
/// they were written with until issue 15.13. Pure and thread safe.
/// </summary>
public static class CanonicalValues
{
    /// <summary>
    /// The shortest invariant text of a number: no exponent, no trailing fraction zeros, no decimal point without a
    /// fraction, and no sign on zero (<c>-0.00</c> is <c>0</c>).
    /// </summary>
    public static string Number(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text is "-0" ? "0" : text;
    }

    /// <summary>
    /// True when <paramref name="value"/>, parsed from <paramref name="written"/>, is exactly the number written:
    /// <see cref="decimal"/> keeps 28 to 29 significant digits and 28 decimal places, and parsing rounds anything
    /// finer (<c>1E-30</c> reads as 0), which must be refused rather than stored as another number.
    /// </summary>
    internal static bool IsExact(ReadOnlySpan<char> written, decimal value) =>
        TryDigits(written, out var wanted) && TryDigits(Number(value), out var kept) && wanted.Equals(kept);

    /// <summary>A number's sign, significant digits and power of ten, from its text (plain or with an exponent).</summary>
    private static bool TryDigits(ReadOnlySpan<char> text, out (bool Negative, string Digits, long Exponent) number)
    {
        number = default;
        text = text.Trim();
        var negative = false;
        if (!text.IsEmpty && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        long exponent = 0;
        var e = text.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!long.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || Math.Abs(exponent) > 1_000_000)
            {
                return false;
            }

            text = text[..e];
        }

        var digits = new StringBuilder(text.Length);
        var point = false;
        foreach (var c in text)
        {
            if (c == '.' && !point)
            {
                point = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                if (point)
                {
                    exponent--;
                }
            }
            else
            {
                return false;
            }
        }

        var significant = digits.ToString().TrimStart('0');
        var trimmed = significant.TrimEnd('0');
        exponent += significant.Length - trimmed.Length;
        number = trimmed.Length == 0 ? (false, "0", 0) : (negative, trimmed, exponent);
        return true;
    }

    /// <summary>
    /// Rewrites the numbers of a stored record payload (a flat JSON object as ingestion writes it) in their canonical
    /// form, leaving every other byte as it is. Used to re-take content hashes of versions written before numbers were
    /// canonical.
    /// </summary>
    /// <param name="payloadUtf8">The payload's UTF-8 JSON.</param>
    /// <param name="canonicalUtf8">The canonical payload when it differs from the input; otherwise null.</param>
    /// <returns>True when the canonical form differs from the payload.</returns>
    /// <exception cref="JsonException">The payload is not JSON.</exception>
    public static bool TryCanonicalise(ReadOnlySpan<byte> payloadUtf8, [NotNullWhen(true)] out byte[]? canonicalUtf8)
    {
        canonicalUtf8 = null;
        ArrayBufferWriter<byte>? output = null;
        var copied = 0;
        var reader = new Utf8JsonReader(payloadUtf8);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.Number || reader.HasValueSequence)
            {
                continue;
            }

            var raw = reader.ValueSpan;
            if (!reader.TryGetDecimal(out var value))
            {
                // Out of the decimal range: ingestion never stored such a number, so there is nothing to rewrite.
                continue;
            }

            var canonical = Encoding.UTF8.GetBytes(Number(value));
            if (raw.SequenceEqual(canonical))
            {
                continue;
            }

            output ??= new ArrayBufferWriter<byte>(payloadUtf8.Length);
            var start = checked((int)reader.TokenStartIndex);
            output.Write(payloadUtf8[copied..start]);
            output.Write(canonical);
            copied = start + raw.Length;
        }

        if (output is null)
        {
            return false;
        }

        output.Write(payloadUtf8[copied..]);
        canonicalUtf8 = output.WrittenSpan.ToArray();
        return true;
    }

    /// <summary>
    /// The content hash a stored payload has under the canonical rules: SHA-256 of its canonical form, or null when
    /// the payload is already canonical (its stored hash, SHA-256 of the payload, stands).
    /// </summary>
    public static byte[]? CanonicalHashIfDifferent(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return TryCanonicalise(Encoding.UTF8.GetBytes(payload), out var canonical) ? SHA256.HashData(canonical) : null;
    }
}

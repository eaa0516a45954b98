namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// Decodes mainframe numeric fields to invariant decimal text (<c>-1234.50</c>): zoned decimal (one digit per
/// byte, sign in the last byte's zone) and packed decimal (COMP-3, two digits per byte, sign in the last nibble).
/// Digits are copied as text, so any length decodes exactly without the range limits of <see cref="decimal"/>.
/// Thread safe.
/// </summary>
internal static class DecimalFieldDecoder
{
    /// <summary>
    /// Decodes a zoned decimal. Digit bytes have zone F (EBCDIC) or 3 (ASCII). The last byte's zone is the sign:
    /// C, F, A, E or 3 positive, D, B or 7 negative; the ASCII overpunch letters <c>{A-I</c> (positive) and
    /// <c>}J-R</c> (negative) of EBCDIC data converted to ASCII are also read. A field of spaces is null.
    /// </summary>
    /// <returns>False when a byte is not a valid digit or sign.</returns>
    public static bool TryDecodeZoned(ReadOnlySpan<byte> bytes, int scale, out string? value)
    {
        value = null;
        if (IsBlank(bytes))
        {
            return true;
        }

        Span<char> digits = bytes.Length <= 256 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        var negative = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            int digit;
            if (i < bytes.Length - 1)
            {
                digit = b & 0x0F;
                if ((b >> 4) is not (0xF or 0x3) || digit > 9)
                {
                    return false;
                }
            }
            else if (!TryZonedSign(b, out digit, out negative))
            {
                return false;
            }

            digits[i] = (char)('0' + digit);
        }

        value = Format(digits, negative, scale);
        return true;
    }

    /// <summary>
    /// Decodes a packed decimal (COMP-3): two BCD digits per byte, the last nibble the sign (C, F, A or E positive,
    /// D or B negative). A field of spaces is null.
    /// </summary>
    /// <returns>False when a nibble is not a valid digit or sign.</returns>
    public static bool TryDecodePacked(ReadOnlySpan<byte> bytes, int scale, out string? value)
    {
        value = null;
        if (IsBlank(bytes))
        {
            return true;
        }

        var count = (bytes.Length * 2) - 1;
        Span<char> digits = count <= 256 ? stackalloc char[count] : new char[count];
        for (var i = 0; i < bytes.Length; i++)
        {
            int high = bytes[i] >> 4;
            int low = bytes[i] & 0x0F;
            if (high > 9)
            {
                return false;
            }

            digits[i * 2] = (char)('0' + high);
            if (i < bytes.Length - 1)
            {
                if (low > 9)
                {
                    return false;
                }

                digits[(i * 2) + 1] = (char)('0' + low);
            }
        }

        var sign = bytes[^1] & 0x0F;
        if (sign is not (0xA or 0xB or 0xC or 0xD or 0xE or 0xF))
        {
            return false;
        }

        value = Format(digits, sign is 0xB or 0xD, scale);
        return true;
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes) =>
        !bytes.ContainsAnyExcept((byte)0x40) || !bytes.ContainsAnyExcept((byte)0x20);

    private static bool TryZonedSign(byte b, out int digit, out bool negative)
    {
        switch (b)
        {
            case (byte)'{':
                (digit, negative) = (0, false);
                return true;
            case (byte)'}':
                (digit, negative) = (0, true);
                return true;
            case >= (byte)'A' and <= (byte)'I':
                (digit, negative) = (b - 'A' + 1, false);
                return true;
            case >= (byte)'J' and <= (byte)'R':
                (digit, negative) = (b - 'J' + 1, true);
                return true;
        }

        digit = b & 0x0F;
        negative = (b >> 4) is 0xD or 0xB or 0x7;
        return digit <= 9 && (b >> 4) is 0xC or 0xF or 0xA or 0xE or 0x3 or 0xD or 0xB or 0x7;
    }

    /// <summary>Invariant decimal text with exactly <paramref name="scale"/> decimal places; never <c>-0</c>.</summary>
    private static string Format(ReadOnlySpan<char> digits, bool negative, int scale)
    {
        var firstSignificant = digits.IndexOfAnyExcept('0');
        var integerDigits = digits.Length - scale;
        var start = firstSignificant < 0 ? integerDigits - 1 : Math.Min(firstSignificant, integerDigits - 1);
        start = Math.Max(start, 0);
        var integerPart = integerDigits > 0 ? digits[start..integerDigits] : "0";
        var fraction = digits[Math.Max(integerDigits, 0)..];
        var sign = negative && firstSignificant >= 0 ? "-" : string.Empty;
        return scale == 0 ? string.Concat(sign, integerPart) : string.Concat(sign, integerPart, ".", fraction);
    }
}

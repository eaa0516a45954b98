using System.Diagnostics.CodeAnalysis;

namespace Concordat.Core.Standards;

/// <summary>
/// UK telephone numbers: normalisation to E.164 (<c>07700 900123</c> becomes <c>+447700900123</c>).
/// Pure and thread safe; allocates only the normalised string, and not even that when the input is already E.164.
/// </summary>
/// <remarks>
/// <para>
/// Accepted forms: national (<c>0</c> + national significant number), international (<c>+44</c> or <c>0044</c>,
/// with or without the bracketed trunk zero, as in <c>+44 (0)20 7946 0000</c>), and <c>44</c> + ten digits, as left
/// behind when a spreadsheet drops the plus sign. Spaces, hyphens, dots and brackets are ignored.
/// </para>
/// <para>
/// Lengths follow Ofcom's National Telephone Numbering Plan (ITU-T E.164 country code 44): the national significant
/// number (NSN, without the trunk 0) has ten digits, or nine for some 01 areas and 0800 numbers. NSNs starting 0,
/// 4 or 6 are not allocated. The few shorter special numbers (such as 0800 1111) are rejected.
/// </para>
/// </remarks>
public static class UkPhone
{
    // E.164 allows 15 digits; "00" + 15 is the longest useful input.
    private const int MaxDigits = 17;
    private const int E164Length = 13;

    private enum Fault
    {
        None,
        Empty,
        BadCharacter,
        MisplacedPlus,
        NotUk,
        NoPrefix,
        TooShort,
        TooLong,
        Unallocated,
        NineDigitsNotAllowed,
    }

    /// <summary>
    /// Normalises a UK telephone number to E.164. On success <paramref name="normalised"/> is e.g.
    /// <c>+447700900123</c> (the input instance when already in that form).
    /// </summary>
    /// <param name="input">The number as written; null or blank is invalid.</param>
    /// <param name="normalised">The E.164 form, or null when invalid.</param>
    /// <returns>True when the input is a UK number of a valid length.</returns>
    public static bool TryNormalise(string? input, [MaybeNullWhen(false)] out string normalised)
    {
        Span<char> buffer = stackalloc char[MaxDigits];
        if (Check(input, buffer, out ReadOnlySpan<char> nsn) != Fault.None)
        {
            normalised = null;
            return false;
        }

        Span<char> e164 = stackalloc char[E164Length];
        "+44".CopyTo(e164);
        nsn.CopyTo(e164[3..]);
        normalised = IdentifierText.Reuse(input!, e164[..(3 + nsn.Length)]);
        return true;
    }

    /// <summary>True when <paramref name="input"/> normalises to a UK E.164 number.</summary>
    public static bool IsValid(string? input)
    {
        Span<char> buffer = stackalloc char[MaxDigits];
        return Check(input, buffer, out _) == Fault.None;
    }

    /// <summary>Explains in one sentence why <paramref name="input"/> is not a valid UK number, or returns null when it is.</summary>
    /// <remarks>The reason never repeats the value, so it is safe to log.</remarks>
    public static string? Explain(string? input)
    {
        Span<char> buffer = stackalloc char[MaxDigits];
        return Check(input, buffer, out _) switch
        {
            Fault.None => null,
            Fault.Empty => "The telephone number is empty.",
            Fault.BadCharacter => "A telephone number may contain only digits, a leading +, spaces, hyphens, dots and brackets.",
            Fault.MisplacedPlus => "A + may appear only at the start of a telephone number.",
            Fault.NotUk => "The number has a country code other than +44, so it is not a UK number.",
            Fault.NoPrefix => "A UK number starts with 0, +44 or 0044.",
            Fault.TooShort => "The number is too short: a UK number has ten digits after the leading 0 (nine for some 01 and 0800 numbers).",
            Fault.TooLong => "The number is too long: a UK number has ten digits after the leading 0.",
            Fault.Unallocated => "UK numbers never start 00 (after the trunk 0), 04 or 06.",
            Fault.NineDigitsNotAllowed => "Only some 01 and 0800 numbers have nine digits after the leading 0; this number needs ten.",
            var fault => throw new InvalidOperationException("Unhandled fault " + fault),
        };
    }

    private static Fault Check(string? input, Span<char> buffer, out ReadOnlySpan<char> nsn)
    {
        nsn = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fault.Empty;
        }

        bool plus = false;
        int length = 0;
        foreach (char c in input)
        {
            if (char.IsAsciiDigit(c))
            {
                if (length == buffer.Length)
                {
                    return Fault.TooLong;
                }

                buffer[length++] = c;
            }
            else if (c == '+')
            {
                if (plus || length > 0)
                {
                    return Fault.MisplacedPlus;
                }

                plus = true;
            }
            else if (!(char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')'))
            {
                return Fault.BadCharacter;
            }
        }

        ReadOnlySpan<char> digits = buffer[..length];
        if (plus || digits.StartsWith("00"))
        {
            ReadOnlySpan<char> international = plus ? digits : digits[2..];
            if (!international.StartsWith("44"))
            {
                return Fault.NotUk;
            }

            nsn = international[2..];

            // "+44 (0)20 ..." and the common mistake "+44 020 ..." both carry the national trunk prefix.
            if (nsn.StartsWith('0'))
            {
                nsn = nsn[1..];
            }
        }
        else if (digits.StartsWith('0'))
        {
            nsn = digits[1..];
        }
        else if (digits.Length == 12 && digits.StartsWith("44"))
        {
            nsn = digits[2..];
        }
        else
        {
            return Fault.NoPrefix;
        }

        if (nsn.Length < 9)
        {
            return Fault.TooShort;
        }

        if (nsn.Length > 10)
        {
            return Fault.TooLong;
        }

        if (nsn[0] is '0' or '4' or '6')
        {
            return Fault.Unallocated;
        }

        if (nsn.Length == 9 && !(nsn[0] == '1' || nsn.StartsWith("800")))
        {
            return Fault.NineDigitsNotAllowed;
        }

        return Fault.None;
    }
}

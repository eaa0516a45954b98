using System.Diagnostics.CodeAnalysis;

namespace Concordat.Core.Standards;

/// <summary>
/// UK National Insurance number (NINO): validation and normalisation to the compact form <c>AB123456C</c>.
/// Pure and thread safe; allocates only the normalised string, and not even that when the input is already normal.
/// </summary>
/// <remarks>
/// Rules from HMRC National Insurance Manual NIM39110
/// (https://www.gov.uk/hmrc-internal-manuals/national-insurance-manual/nim39110): two prefix letters, six digits and
/// a suffix A to D; D, F, I, Q, U and V are never the first or second letter and O is never the second; the prefixes
/// BG, GB, KN, NK, NT, TN and ZZ are not allocated; administrative prefixes (OO, CR, FY, MW, NC) and Temporary
/// Reference Numbers (TRNs, e.g. <c>11 A1 11 11</c>) are not NINOs. HMRC's example <c>QQ 12 34 56 A</c> is invalid.
/// </remarks>
public static class Nino
{
    private const int Length = 9;

    // A TRN is two digits, a letter and five digits (NIM39110 shows "11 a1 11 11"); one more slot spots an overlong value.
    private const int ScanLength = Length + 1;

    private enum Fault
    {
        None,
        Empty,
        BadCharacter,
        TemporaryReferenceNumber,
        WrongLength,
        PrefixNotLetters,
        NotSixDigits,
        BadSuffix,
        AdministrativePrefix,
        BadFirstLetter,
        BadSecondLetter,
        UnallocatedPrefix,
    }

    /// <summary>
    /// Strips white space, upper-cases and validates <paramref name="input"/>. On success <paramref name="normalised"/>
    /// is the nine-character compact form (the input instance itself when it is already in that form).
    /// </summary>
    /// <param name="input">Text such as <c>ab 12 34 56 c</c>; null or blank is invalid.</param>
    /// <param name="normalised">The compact upper-case NINO, or null when invalid.</param>
    /// <returns>True when the input is a valid NINO.</returns>
    public static bool TryNormalise(string? input, [MaybeNullWhen(false)] out string normalised)
    {
        Span<char> buffer = stackalloc char[ScanLength];
        if (Check(input, buffer, out int length) != Fault.None)
        {
            normalised = null;
            return false;
        }

        normalised = IdentifierText.Reuse(input!, buffer[..length]);
        return true;
    }

    /// <summary>True when <paramref name="input"/> is a valid NINO once spaces are removed and letters upper-cased.</summary>
    public static bool IsValid(string? input)
    {
        Span<char> buffer = stackalloc char[ScanLength];
        return Check(input, buffer, out _) == Fault.None;
    }

    /// <summary>Explains in one sentence why <paramref name="input"/> is not a valid NINO, or returns null when it is.</summary>
    /// <remarks>The reason never repeats the whole value, so it is safe to log.</remarks>
    public static string? Explain(string? input)
    {
        Span<char> buffer = stackalloc char[ScanLength];
        Fault fault = Check(input, buffer, out int length);
        string prefix = length >= 2 ? new string(buffer[..2]) : string.Empty;
        return fault switch
        {
            Fault.None => null,
            Fault.Empty => "The National Insurance number is empty.",
            Fault.BadCharacter => "A National Insurance number may contain only letters, digits and spaces.",
            Fault.TemporaryReferenceNumber => "This is an HMRC Temporary Reference Number (two digits, a letter, five digits), not a National Insurance number.",
            Fault.WrongLength => "A National Insurance number has nine characters: two letters, six digits and a suffix letter A to D.",
            Fault.PrefixNotLetters => "A National Insurance number starts with two letters.",
            Fault.NotSixDigits => "A National Insurance number has six digits after the two prefix letters.",
            Fault.BadSuffix => "The last character of a National Insurance number must be the suffix letter A, B, C or D.",
            Fault.AdministrativePrefix => $"The prefix {prefix} is an HMRC administrative prefix, not a National Insurance number.",
            Fault.BadFirstLetter => $"The first letter cannot be {prefix[0]}: D, F, I, Q, U and V are never used first.",
            Fault.BadSecondLetter => $"The second letter cannot be {prefix[1]}: D, F, I, O, Q, U and V are never used second.",
            Fault.UnallocatedPrefix => $"The prefix {prefix} is not allocated by HMRC.",
            _ => throw new InvalidOperationException("Unhandled fault " + fault),
        };
    }

    private static Fault Check(string? input, Span<char> buffer, out int length)
    {
        length = 0;
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fault.Empty;
        }

        switch (IdentifierText.Compact(input, buffer, hyphenIsSeparator: false, out length))
        {
            case IdentifierText.CompactResult.BadCharacter:
                return Fault.BadCharacter;
            case IdentifierText.CompactResult.TooLong:
                return Fault.WrongLength;
        }

        ReadOnlySpan<char> s = buffer[..length];
        if (IsTemporaryReferenceNumber(s))
        {
            return Fault.TemporaryReferenceNumber;
        }

        if (s.Length != Length)
        {
            return Fault.WrongLength;
        }

        if (!char.IsAsciiLetter(s[0]) || !char.IsAsciiLetter(s[1]))
        {
            return Fault.PrefixNotLetters;
        }

        if (!IsAllDigits(s[2..8]))
        {
            return Fault.NotSixDigits;
        }

        if (s[8] is < 'A' or > 'D')
        {
            return Fault.BadSuffix;
        }

        // Administrative prefixes are checked before the letter rules so that OO gets the more specific reason.
        if ((s[0], s[1]) is ('O', 'O') or ('C', 'R') or ('F', 'Y') or ('M', 'W') or ('N', 'C'))
        {
            return Fault.AdministrativePrefix;
        }

        if (s[0] is 'D' or 'F' or 'I' or 'Q' or 'U' or 'V')
        {
            return Fault.BadFirstLetter;
        }

        if (s[1] is 'D' or 'F' or 'I' or 'O' or 'Q' or 'U' or 'V')
        {
            return Fault.BadSecondLetter;
        }

        if ((s[0], s[1]) is ('B', 'G') or ('G', 'B') or ('K', 'N') or ('N', 'K') or ('N', 'T') or ('T', 'N') or ('Z', 'Z'))
        {
            return Fault.UnallocatedPrefix;
        }

        return Fault.None;
    }

    private static bool IsTemporaryReferenceNumber(ReadOnlySpan<char> s) =>
        s.Length == 8 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && char.IsAsciiLetter(s[2]) && IsAllDigits(s[3..]);

    private static bool IsAllDigits(ReadOnlySpan<char> s) => IdentifierText.IsAsciiDigits(s);
}

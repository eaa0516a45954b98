using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Concordat.Core.Standards;

/// <summary>
/// UK postcode: a format check and normalisation to upper case with one space before the inward code
/// (<c>sw1a1aa</c> becomes <c>SW1A 1AA</c>). Pure and thread safe.
/// </summary>
/// <remarks>
/// This checks the format only; whether a postcode exists needs the Royal Mail Postcode Address File.
/// The pattern is the BS7666 v2.0 <c>PostCodeType</c> XSD pattern (Cabinet Office, via The National Archives):
/// no Q, V or X first; no I, J or Z second; A9A districts end in A-H, J, K, P, S, T, U or W; AA9A districts end in
/// A, B, E, H, M, N, P, R, V, W, X or Y; the inward letters never use C, I, K, M, O or V; and the special GIR 0AA.
/// Unlike the widely copied 2015 Bulk Data Transfer regex, the whole alternation is anchored with <c>^(?:...)$</c>.
/// BFPO numbers are not postcodes and are rejected.
/// </remarks>
public static partial class Postcode
{
    // Longest normalised form is AA9A 9AA; one more slot spots an overlong value.
    private const int MaxCompact = 7;
    private const int MinCompact = 5;
    private const int InwardLength = 3;

    private static readonly SearchValues<char> LettersNeverInward = SearchValues.Create("CIKMOV");

    private enum Fault
    {
        None,
        Empty,
        BadCharacter,
        WrongLength,
        BadInwardShape,
        BadInwardLetter,
        BadOutward,
    }

    /// <summary>
    /// Upper-cases <paramref name="input"/>, puts exactly one space before the last three characters and checks the
    /// format. On success <paramref name="normalised"/> is e.g. <c>SW1A 1AA</c> (the input instance when already so).
    /// </summary>
    /// <param name="input">Text such as <c>sw1a1aa</c> or <c>SW1A  1AA</c>; null or blank is invalid.</param>
    /// <param name="normalised">The normalised postcode, or null when invalid.</param>
    /// <returns>True when the input has a valid UK postcode format.</returns>
    public static bool TryNormalise(string? input, [MaybeNullWhen(false)] out string normalised)
    {
        Span<char> buffer = stackalloc char[MaxCompact + 1];
        if (Check(input, buffer, out int length) != Fault.None)
        {
            normalised = null;
            return false;
        }

        normalised = IdentifierText.Reuse(input!, buffer[..length]);
        return true;
    }

    /// <summary>True when <paramref name="input"/> has a valid UK postcode format once case and spacing are normalised.</summary>
    public static bool IsValid(string? input)
    {
        Span<char> buffer = stackalloc char[MaxCompact + 1];
        return Check(input, buffer, out _) == Fault.None;
    }

    /// <summary>Explains in one sentence why <paramref name="input"/> is not a valid postcode, or returns null when it is.</summary>
    /// <remarks>The reason never repeats the value, so it is safe to log.</remarks>
    public static string? Explain(string? input)
    {
        Span<char> buffer = stackalloc char[MaxCompact + 1];
        Fault fault = Check(input, buffer, out _);
        return fault switch
        {
            Fault.None => null,
            Fault.Empty => "The postcode is empty.",
            Fault.BadCharacter => "A postcode may contain only letters, digits and spaces.",
            Fault.WrongLength => "A postcode has five to seven letters and digits, e.g. M1 1AE or SW1A 1AA.",
            Fault.BadInwardShape => "The inward code (the last three characters) must be a digit followed by two letters.",
            Fault.BadInwardLetter => "The inward code never uses the letters C, I, K, M, O or V.",
            Fault.BadOutward => "The outward code (before the space) is not a UK postcode area and district, e.g. M1, B33, CR2, DN55, W1A or EC1A.",
            _ => throw new InvalidOperationException("Unhandled fault " + fault),
        };
    }

    /// <summary>
    /// Splits a postcode into area, district, sector and unit. The input is normalised first, so <c>sw1a1aa</c> works.
    /// </summary>
    /// <param name="postcode">The postcode, in any case and spacing.</param>
    /// <param name="parts">The parts, or null when the postcode is invalid.</param>
    /// <returns>True when the postcode is valid.</returns>
    public static bool TryGetParts(string? postcode, [MaybeNullWhen(false)] out PostcodeParts parts)
    {
        if (!TryNormalise(postcode, out string? unit))
        {
            parts = null;
            return false;
        }

        int space = unit.Length - InwardLength - 1;
        int areaLength = 0;
        while (areaLength < space && char.IsAsciiLetter(unit[areaLength]))
        {
            areaLength++;
        }

        parts = new PostcodeParts(unit[..areaLength], unit[..space], unit[..(space + 2)], unit);
        return true;
    }

    // BS7666 v2.0 PostCodeType with XSD character class subtraction, which .NET supports, kept close to the source text.
    [GeneratedRegex(
        @"^(?:GIR 0AA|(?:[A-Z-[QVX]][0-9][0-9]?|[A-Z-[QVX]][A-Z-[IJZ]][0-9][0-9]?|[A-Z-[QVX]][0-9][A-HJKPSTUW]|[A-Z-[QVX]][A-Z-[IJZ]][0-9][ABEHMNPRVWXY]) [0-9][A-Z-[CIKMOV]]{2})$",
        RegexOptions.CultureInvariant)]
    private static partial Regex NormalisedPattern();

    private static Fault Check(string? input, Span<char> buffer, out int length)
    {
        length = 0;
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fault.Empty;
        }

        Span<char> compact = buffer[..MaxCompact];
        switch (IdentifierText.Compact(input, compact, hyphenIsSeparator: false, out int compactLength))
        {
            case IdentifierText.CompactResult.BadCharacter:
                return Fault.BadCharacter;
            case IdentifierText.CompactResult.TooLong:
                return Fault.WrongLength;
        }

        if (compactLength < MinCompact)
        {
            return Fault.WrongLength;
        }

        int outwardLength = compactLength - InwardLength;
        ReadOnlySpan<char> inward = compact.Slice(outwardLength, InwardLength);
        if (!char.IsAsciiDigit(inward[0]) || !char.IsAsciiLetter(inward[1]) || !char.IsAsciiLetter(inward[2]))
        {
            return Fault.BadInwardShape;
        }

        // Insert the space in place: shift the inward code one slot right (the buffer has room for it).
        compact.Slice(outwardLength, InwardLength).CopyTo(buffer[(outwardLength + 1)..]);
        buffer[outwardLength] = ' ';
        length = compactLength + 1;
        ReadOnlySpan<char> normalised = buffer[..length];
        if (NormalisedPattern().IsMatch(normalised))
        {
            return Fault.None;
        }

        length = 0;
        return normalised[^2..].ContainsAny(LettersNeverInward) ? Fault.BadInwardLetter : Fault.BadOutward;
    }
}

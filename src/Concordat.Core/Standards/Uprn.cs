using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Concordat.Core.Standards;

/// <summary>
/// Unique Property Reference Number: a positive integer of one to twelve digits, stored as a <see cref="long"/>.
/// Pure and thread safe.
/// </summary>
/// <remarks>
/// GeoPlace / BS7666: a UPRN is a persistent integer of at most 12 digits that is never reused
/// (10 Downing Street is <c>100023336956</c>). Some systems zero-pad UPRNs to 12 digits, so leading zeros are
/// accepted and dropped. Surrounding white space is ignored; signs, separators and decimals are not accepted.
/// </remarks>
public static class Uprn
{
    /// <summary>The largest possible UPRN (twelve nines).</summary>
    public const long MaxValue = 999_999_999_999;

    private const int MaxDigits = 12;

    private enum Fault
    {
        None,
        Empty,
        NotDigits,
        TooLong,
        Zero,
    }

    /// <summary>Parses a UPRN.</summary>
    /// <param name="input">One to twelve ASCII digits, optionally surrounded by white space.</param>
    /// <param name="uprn">The UPRN, or 0 when invalid.</param>
    /// <returns>True when the input is a valid UPRN.</returns>
    public static bool TryParse(string? input, out long uprn) => Check(input, out uprn) == Fault.None;

    /// <summary>
    /// Normalises a UPRN to its canonical decimal text without leading zeros (the input instance when already so).
    /// </summary>
    /// <param name="input">One to twelve ASCII digits, optionally surrounded by white space.</param>
    /// <param name="normalised">The canonical text, or null when invalid.</param>
    /// <returns>True when the input is a valid UPRN.</returns>
    public static bool TryNormalise(string? input, [MaybeNullWhen(false)] out string normalised)
    {
        if (Check(input, out long uprn) != Fault.None)
        {
            normalised = null;
            return false;
        }

        Span<char> buffer = stackalloc char[MaxDigits];
        uprn.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture);
        normalised = IdentifierText.Reuse(input!, buffer[..written]);
        return true;
    }

    /// <summary>True when <paramref name="input"/> is a valid UPRN.</summary>
    public static bool IsValid(string? input) => Check(input, out _) == Fault.None;

    /// <summary>Explains in one sentence why <paramref name="input"/> is not a valid UPRN, or returns null when it is.</summary>
    public static string? Explain(string? input) => Check(input, out _) switch
    {
        Fault.None => null,
        Fault.Empty => "The UPRN is empty.",
        Fault.NotDigits => "A UPRN contains only the digits 0 to 9.",
        Fault.TooLong => "A UPRN has at most twelve digits.",
        Fault.Zero => "A UPRN is a positive number; zero is not a UPRN.",
        var fault => throw new InvalidOperationException("Unhandled fault " + fault),
    };

    private static Fault Check(string? input, out long uprn)
    {
        uprn = 0;
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fault.Empty;
        }

        ReadOnlySpan<char> digits = input.AsSpan().Trim();
        if (!IdentifierText.IsAsciiDigits(digits))
        {
            return Fault.NotDigits;
        }

        if (digits.Length > MaxDigits)
        {
            return Fault.TooLong;
        }

        long value = 0;
        foreach (char c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        if (value == 0)
        {
            return Fault.Zero;
        }

        uprn = value;
        return Fault.None;
    }
}

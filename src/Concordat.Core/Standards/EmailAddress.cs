using System.Diagnostics.CodeAnalysis;

namespace Concordat.Core.Standards;

/// <summary>
/// E-mail addresses: a pragmatic format check and normalisation (trim, lower-case domain). Pure and thread safe.
/// </summary>
/// <remarks>
/// This deliberately does not implement the whole RFC 5322 grammar (quoted local parts, comments, IP literals),
/// which government contact data does not use; it catches the mistakes that do occur. Limits from RFC 5321 section
/// 4.5.3.1: at most 64 characters before the @ and 254 in all. The domain is case-insensitive (RFC 5321 section
/// 2.4) so it is lower-cased; the local part may be case-sensitive, so it is kept as written.
/// </remarks>
public static class EmailAddress
{
    /// <summary>The longest address accepted, in characters.</summary>
    public const int MaxLength = 254;

    /// <summary>The longest local part (before the @) accepted, in characters.</summary>
    public const int MaxLocalLength = 64;

    private enum Fault
    {
        None,
        Empty,
        TooLong,
        Whitespace,
        AtCount,
        EmptyLocal,
        LocalTooLong,
        EmptyDomain,
        DomainWithoutDot,
        DomainDots,
    }

    /// <summary>
    /// Trims <paramref name="input"/>, checks the format and lower-cases the domain. On success
    /// <paramref name="normalised"/> is e.g. <c>Jane.Doe@example.gov.uk</c> (the input instance when already so).
    /// </summary>
    /// <param name="input">The address as written; null or blank is invalid.</param>
    /// <param name="normalised">The normalised address, or null when invalid.</param>
    /// <returns>True when the input passes the format check.</returns>
    public static bool TryNormalise(string? input, [MaybeNullWhen(false)] out string normalised)
    {
        if (Check(input, out int start, out int length, out int at) != Fault.None)
        {
            normalised = null;
            return false;
        }

        ReadOnlySpan<char> address = input.AsSpan(start, length);
        ReadOnlySpan<char> domain = address[(at + 1)..];
        if (!HasUpper(domain))
        {
            normalised = length == input!.Length ? input : new string(address);
            return true;
        }

        normalised = string.Create(length, (input!, start, at), static (span, state) =>
        {
            ReadOnlySpan<char> source = state.Item1.AsSpan(state.start, span.Length);
            source[..(state.at + 1)].CopyTo(span);
            source[(state.at + 1)..].ToLowerInvariant(span[(state.at + 1)..]);
        });
        return true;
    }

    /// <summary>True when <paramref name="input"/> passes the format check once trimmed.</summary>
    public static bool IsValid(string? input) => Check(input, out _, out _, out _) == Fault.None;

    /// <summary>Explains in one sentence why <paramref name="input"/> is not a usable address, or returns null when it is.</summary>
    /// <remarks>The reason never repeats the value, so it is safe to log.</remarks>
    public static string? Explain(string? input) => Check(input, out _, out _, out _) switch
    {
        Fault.None => null,
        Fault.Empty => "The e-mail address is empty.",
        Fault.TooLong => "An e-mail address has at most 254 characters.",
        Fault.Whitespace => "An e-mail address cannot contain spaces or control characters.",
        Fault.AtCount => "An e-mail address has exactly one @.",
        Fault.EmptyLocal => "An e-mail address needs a name before the @.",
        Fault.LocalTooLong => "The part of an e-mail address before the @ has at most 64 characters.",
        Fault.EmptyDomain => "An e-mail address needs a domain after the @.",
        Fault.DomainWithoutDot => "The domain of an e-mail address must contain a dot, e.g. example.gov.uk.",
        Fault.DomainDots => "The domain of an e-mail address cannot start or end with a dot or contain two dots in a row.",
        var fault => throw new InvalidOperationException("Unhandled fault " + fault),
    };

    private static Fault Check(string? input, out int start, out int length, out int at)
    {
        start = 0;
        length = 0;
        at = -1;
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fault.Empty;
        }

        ReadOnlySpan<char> whole = input;
        ReadOnlySpan<char> address = whole.Trim();
        start = whole.Length - whole.TrimStart().Length;
        length = address.Length;
        if (address.Length > MaxLength)
        {
            return Fault.TooLong;
        }

        foreach (char c in address)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return Fault.Whitespace;
            }
        }

        at = address.IndexOf('@');
        if (at < 0 || address[(at + 1)..].Contains('@'))
        {
            return Fault.AtCount;
        }

        if (at == 0)
        {
            return Fault.EmptyLocal;
        }

        if (at > MaxLocalLength)
        {
            return Fault.LocalTooLong;
        }

        ReadOnlySpan<char> domain = address[(at + 1)..];
        if (domain.IsEmpty)
        {
            return Fault.EmptyDomain;
        }

        if (!domain.Contains('.'))
        {
            return Fault.DomainWithoutDot;
        }

        if (domain[0] == '.' || domain[^1] == '.' || domain.Contains("..", StringComparison.Ordinal))
        {
            return Fault.DomainDots;
        }

        return Fault.None;
    }

    private static bool HasUpper(ReadOnlySpan<char> domain)
    {
        foreach (char c in domain)
        {
            if (char.IsUpper(c))
            {
                return true;
            }
        }

        return false;
    }
}

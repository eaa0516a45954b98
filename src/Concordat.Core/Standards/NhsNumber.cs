using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Concordat.Core.Standards;

/// <summary>
/// NHS number: validation of the modulus 11 check digit and normalisation to ten digits with no separators.
/// Pure and thread safe; allocates only the normalised string, and not even that when the input is already normal.
/// </summary>
/// <remarks>
/// Rule from the NHS Data Dictionary (https://www.datadictionary.nhs.uk/attributes/nhs_number.html): multiply
/// digits 1 to 9 by weights 10 down to 2, sum, take the remainder modulo 11; the check digit is 11 minus the
/// remainder, where 11 becomes 0 and 10 means no valid number has those nine digits. It must equal digit 10.
/// Only the check digit is tested: whether a number was ever issued needs the Personal Demographics Service.
/// </remarks>
public static class NhsNumber
{
    private const int Length = 10;

    private enum Fault
    {
        None,
        Empty,
        BadCharacter,
        WrongLength,
        CheckDigitTen,
        CheckDigitMismatch,
    }

    /// <summary>
    /// Strips spaces and hyphens (as in <c>943 476 5919</c> or <c>943-476-5919</c>) and validates the check digit.
    /// On success <paramref name="normalised"/> is the ten digits (the input instance when already in that form).
    /// </summary>
    /// <param name="input">The text to check; null or blank is invalid.</param>
    /// <param name="normalised">Ten digits, or null when invalid.</param>
    /// <returns>True when the input is a valid NHS number.</returns>
    public static bool TryNormalise(string? input, [MaybeNullWhen(false)] out string normalised)
    {
        Span<char> buffer = stackalloc char[Length];
        if (Check(input, buffer, out _) != Fault.None)
        {
            normalised = null;
            return false;
        }

        normalised = IdentifierText.Reuse(input!, buffer);
        return true;
    }

    /// <summary>True when <paramref name="input"/> is ten digits (spaces and hyphens ignored) with a correct check digit.</summary>
    public static bool IsValid(string? input)
    {
        Span<char> buffer = stackalloc char[Length];
        return Check(input, buffer, out _) == Fault.None;
    }

    /// <summary>Explains in one sentence why <paramref name="input"/> is not a valid NHS number, or returns null when it is.</summary>
    /// <remarks>The reason never repeats the value, so it is safe to log.</remarks>
    public static string? Explain(string? input)
    {
        Span<char> buffer = stackalloc char[Length];
        Fault fault = Check(input, buffer, out int expected);
        return fault switch
        {
            Fault.None => null,
            Fault.Empty => "The NHS number is empty.",
            Fault.BadCharacter => "An NHS number may contain only digits, spaces and hyphens.",
            Fault.WrongLength => "An NHS number has exactly ten digits.",
            Fault.CheckDigitTen => "The first nine digits give a modulus 11 check value of 10, so no valid NHS number starts with them.",
            Fault.CheckDigitMismatch => string.Create(
                CultureInfo.InvariantCulture,
                $"The check digit is {buffer[9]} but the first nine digits require {expected}."),
            _ => throw new InvalidOperationException("Unhandled fault " + fault),
        };
    }

    /// <summary>
    /// Computes the modulus 11 check digit for the first nine digits of an NHS number.
    /// </summary>
    /// <param name="nineDigits">Exactly nine ASCII digits.</param>
    /// <returns>The check digit 0 to 9, or -1 when the check value is 10 and no valid number has these digits.</returns>
    /// <exception cref="ArgumentException"><paramref name="nineDigits"/> is not nine ASCII digits.</exception>
    public static int ComputeCheckDigit(ReadOnlySpan<char> nineDigits)
    {
        if (nineDigits.Length != 9 || !IdentifierText.IsAsciiDigits(nineDigits))
        {
            throw new ArgumentException("Exactly nine ASCII digits are required.", nameof(nineDigits));
        }

        return CheckDigit(nineDigits);
    }

    private static int CheckDigit(ReadOnlySpan<char> nineDigits)
    {
        int sum = 0;
        for (int i = 0; i < 9; i++)
        {
            sum += (nineDigits[i] - '0') * (10 - i);
        }

        int check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => -1,
            _ => check,
        };
    }

    private static Fault Check(string? input, Span<char> buffer, out int expected)
    {
        expected = -1;
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fault.Empty;
        }

        IdentifierText.CompactResult compact = IdentifierText.Compact(input, buffer, hyphenIsSeparator: true, out int length);
        if (compact == IdentifierText.CompactResult.BadCharacter || !IdentifierText.IsAsciiDigits(buffer[..length]))
        {
            return Fault.BadCharacter;
        }

        if (compact == IdentifierText.CompactResult.TooLong || length != Length)
        {
            return Fault.WrongLength;
        }

        expected = CheckDigit(buffer[..9]);
        if (expected < 0)
        {
            return Fault.CheckDigitTen;
        }

        return buffer[9] - '0' == expected ? Fault.None : Fault.CheckDigitMismatch;
    }
}

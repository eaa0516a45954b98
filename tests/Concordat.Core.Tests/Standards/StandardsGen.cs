using Concordat.Core.Standards;
using CsCheck;

namespace Concordat.Core.Tests.Standards;

/// <summary>CsCheck generators for the identifier standards tests.</summary>
internal static class StandardsGen
{
    /// <summary>Letters allowed first in a NINO (NIM39110: never D, F, I, Q, U or V).</summary>
    public const string NinoFirstLetters = "ABCEGHJKLMNOPRSTWXYZ";

    /// <summary>Letters allowed second in a NINO (never D, F, I, O, Q, U or V).</summary>
    public const string NinoSecondLetters = "ABCEGHJKLMNPRSTWXYZ";

    private static readonly string[] ExcludedNinoPrefixes = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ", "CR", "FY", "MW", "NC"];

    /// <summary>Characters that exercise the identifier parsers' interesting paths.</summary>
    public static readonly Gen<string> IdentifierLikeText =
        Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -+()@.,/'\t\u00A0é"].Array[0, 20]
            .Select(chars => new string(chars));

    /// <summary>Any text at all, including control characters and surrogates.</summary>
    public static readonly Gen<string> AnyText = Gen.OneOf<string>(Gen.String, IdentifierLikeText);

    public static Gen<string> Digits(int count) => Gen.Char['0', '9'].Array[count].Select(chars => new string(chars));

    /// <summary>Valid NINOs in compact upper-case form.</summary>
    public static readonly Gen<string> ValidNino =
        Gen.Select(Gen.Char[NinoFirstLetters], Gen.Char[NinoSecondLetters], Digits(6), Gen.Char["ABCD"])
            .Select((first, second, digits, suffix) => $"{first}{second}{digits}{suffix}")
            .Where(nino => !ExcludedNinoPrefixes.Contains(nino[..2]));

    /// <summary>Valid NHS numbers: nine random digits and their check digit, skipping prefixes whose check is 10.</summary>
    public static readonly Gen<string> ValidNhsNumber =
        Digits(9).Where(nine => NhsNumber.ComputeCheckDigit(nine) >= 0)
            .Select(nine => nine + (char)('0' + NhsNumber.ComputeCheckDigit(nine)));

    private const string PostcodeFirst = "ABCDEFGHIJKLMNOPRSTUWYZ";
    private const string PostcodeSecond = "ABCDEFGHKLMNOPQRSTUVWXY";
    private const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    /// <summary>Valid postcodes in normalised form, one generator per BS7666 outward shape.</summary>
    public static readonly Gen<string> ValidPostcode =
        Gen.Select(
            Gen.OneOf<string>(
                Gen.Select(Gen.Char[PostcodeFirst], Digits(1)).Select((a, d) => $"{a}{d}"),
                Gen.Select(Gen.Char[PostcodeFirst], Digits(2)).Select((a, d) => $"{a}{d}"),
                Gen.Select(Gen.Char[PostcodeFirst], Gen.Char[PostcodeSecond], Digits(1)).Select((a, b, d) => $"{a}{b}{d}"),
                Gen.Select(Gen.Char[PostcodeFirst], Gen.Char[PostcodeSecond], Digits(2)).Select((a, b, d) => $"{a}{b}{d}"),
                Gen.Select(Gen.Char[PostcodeFirst], Digits(1), Gen.Char["ABCDEFGHJKPSTUW"]).Select((a, d, c) => $"{a}{d}{c}"),
                Gen.Select(Gen.Char[PostcodeFirst], Gen.Char[PostcodeSecond], Digits(1), Gen.Char["ABEHMNPRVWXY"])
                    .Select((a, b, d, c) => $"{a}{b}{d}{c}")),
            Digits(1),
            Gen.Char[InwardLetters],
            Gen.Char[InwardLetters])
        .Select((outward, digit, x, y) => $"{outward} {digit}{x}{y}");

    /// <summary>Rewrites a compact identifier as people type it: random case and random spaces between characters.</summary>
    public static Gen<string> Scruffy(string compact) =>
        Gen.Select(Gen.Bool.Array[compact.Length], Gen.Int[0, 2].Array[compact.Length + 1])
            .Select((lower, spaces) =>
            {
                var text = new System.Text.StringBuilder();
                for (int i = 0; i < compact.Length; i++)
                {
                    text.Append(' ', spaces[i]);
                    text.Append(lower[i] ? char.ToLowerInvariant(compact[i]) : compact[i]);
                }

                return text.Append(' ', spaces[compact.Length]).ToString();
            });
}

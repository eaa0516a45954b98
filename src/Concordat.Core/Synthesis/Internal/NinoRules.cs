namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// National Insurance number rules from HMRC NIM39110: two prefix letters, six digits and a suffix A to D. D, F, I,
/// Q, U and V are never either prefix letter, O is never the second, and BG, GB, KN, NK, NT, TN and ZZ are not
/// allocated. Generation also avoids the administrative prefixes CR, MW and NC (FY and OO already fail the letter
/// rules), which HMRC uses for records that are not real NINOs.
/// </summary>
internal static class NinoRules
{
    private const string FirstLetters = "ABCEGHJKLMNOPRSTWXYZ";
    private const string SecondLetters = "ABCEGHJKLMNPRSTWXYZ";
    private static readonly string[] Unallocated = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];
    private static readonly string[] Administrative = ["CR", "MW", "NC"];

    /// <summary>Every prefix synthetic NINOs are drawn from, in a fixed order.</summary>
    public static IReadOnlyList<string> IssuablePrefixes { get; } = BuildPrefixes();

    /// <summary>The prefixes HMRC has never allocated; used to inject invalid identifiers.</summary>
    public static IReadOnlyList<string> UnallocatedPrefixes => Unallocated;

    /// <summary>Whether <paramref name="value"/> (upper case, no spaces) is a well-formed NINO under NIM39110.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length != 9
            || !FirstLetters.Contains(value[0])
            || !SecondLetters.Contains(value[1])
            || value[8] < 'A' || value[8] > 'D')
        {
            return false;
        }

        foreach (var prefix in Unallocated)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] BuildPrefixes()
    {
        var prefixes = new List<string>(FirstLetters.Length * SecondLetters.Length);
        foreach (var first in FirstLetters)
        {
            foreach (var second in SecondLetters)
            {
                var prefix = new string([first, second]);
                if (Array.IndexOf(Unallocated, prefix) < 0 && Array.IndexOf(Administrative, prefix) < 0)
                {
                    prefixes.Add(prefix);
                }
            }
        }

        return [.. prefixes];
    }
}

using System.Text.RegularExpressions;

namespace Concordat.Core.Quality.Internal;

/// <summary>
/// Compiles rule-file regular expressions with a match timeout and rejects those that backtrack catastrophically,
/// found by timing them on long runs of the characters they mention (the inputs that make <c>(a+)+$</c> explode).
/// </summary>
internal static class RegexSafety
{
    /// <summary>How long one match may run, in evaluation and in the probe.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private const int ProbeLength = 4096;

    /// <summary>Compiles <paramref name="pattern"/> to match whole values; returns null and a reason when it is invalid or unsafe.</summary>
    /// <param name="pattern">The pattern as written in the rule file.</param>
    /// <param name="problem">Why it was refused, or null.</param>
    /// <param name="compiled">Compile to IL, for evaluation over many values (slower to create).</param>
    public static Regex? TryCreate(string pattern, out string? problem, bool compiled = false)
    {
        Regex regex;
        try
        {
            // Parse the pattern as written first, so an error's offset refers to the user's text, not the anchored form.
            _ = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
            var options = RegexOptions.CultureInvariant | (compiled ? RegexOptions.Compiled : RegexOptions.None);
            regex = new Regex(@"\A(?:" + pattern + @")\z", options, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            problem = "the regular expression is invalid: " + ex.Message;
            return null;
        }

        var probes = new List<char> { 'a', 'A', '0', ' ', '-', '.' };
        foreach (var c in pattern)
        {
            if (char.IsLetterOrDigit(c) && !probes.Contains(c) && probes.Count < 24)
            {
                probes.Add(c);
            }
        }

        foreach (var c in probes)
        {
            var text = new string(c, ProbeLength) + "!";
            try
            {
                regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                problem = $"the regular expression backtracks catastrophically (a run of '{c}' took longer than {MatchTimeout.TotalMilliseconds:0} ms); rewrite it without nested or overlapping repeats";
                return null;
            }
        }

        problem = null;
        return regex;
    }
}

namespace Concordat.Server.Portal.Agreements;

/// <summary>One term that differs between two versions: what it said before and after (null when absent).</summary>
/// <param name="Label">What the term is.</param>
/// <param name="Before">Its text in the earlier version, or null when it was added.</param>
/// <param name="After">Its text in the later version, or null when it was removed.</param>
public sealed record TermDifference(string Label, string? Before, string? After)
{
    /// <summary>The terms that differ between two versions' lines, in the later version's order, then removed lines.</summary>
    public static IReadOnlyList<TermDifference> Between(IReadOnlyList<TermRow> before, IReadOnlyList<TermRow> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var differences = new List<TermDifference>();
        foreach (var row in after)
        {
            if (!seen.Add(row.Key))
            {
                continue;
            }

            if (!old.TryGetValue(row.Key, out var was))
            {
                differences.Add(new TermDifference(row.Label, null, row.Text));
            }
            else if (!string.Equals(was.Text, row.Text, StringComparison.Ordinal))
            {
                differences.Add(new TermDifference(row.Label, was.Text, row.Text));
            }
        }

        foreach (var row in before)
        {
            if (seen.Add(row.Key))
            {
                differences.Add(new TermDifference(row.Label, row.Text, null));
            }
        }

        return differences;
    }
}

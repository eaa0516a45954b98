namespace Concordat.Core.Quality;

/// <summary>A value (or value pattern) and how often it occurs.</summary>
/// <param name="Value">The value or pattern.</param>
/// <param name="Count">Occurrences; an estimate when <paramref name="MaxOverCount"/> is above zero.</param>
/// <param name="MaxOverCount">
/// How much <paramref name="Count"/> may over-count, from the Space-Saving sketch: the true count lies between
/// <c>Count - MaxOverCount</c> and <c>Count</c>. Zero means exact.
/// </param>
public sealed record ValueCount(string Value, long Count, long MaxOverCount = 0);

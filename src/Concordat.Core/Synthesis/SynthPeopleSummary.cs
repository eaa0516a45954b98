namespace Concordat.Core.Synthesis;

/// <summary>What <see cref="SynthPeopleCsv"/> wrote.</summary>
/// <param name="People">People in the population.</param>
/// <param name="Records">Rows written (every person at least once).</param>
/// <param name="Errors">Errors injected, by kind.</param>
public sealed record SynthPeopleSummary(int People, long Records, IReadOnlyDictionary<SynthErrorKind, long> Errors);

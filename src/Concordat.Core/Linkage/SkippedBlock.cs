namespace Concordat.Core.Linkage;

/// <summary>
/// A blocking rule a match did not use because the query's block under it held more records than the cap: such a
/// key is too common to tell people apart, and scoring it all would cost more than a match may.
/// </summary>
/// <param name="Rule">The blocking rule as the settings write it.</param>
/// <param name="Records">How many held records share the query's key under it.</param>
public sealed record SkippedBlock(string Rule, int Records);

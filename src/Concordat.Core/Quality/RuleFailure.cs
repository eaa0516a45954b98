namespace Concordat.Core.Quality;

/// <summary>An example of a record that broke a rule.</summary>
/// <param name="Key">The record key.</param>
/// <param name="Value">The offending value (or values, for cross-field rules); null when the value was missing.</param>
public sealed record RuleFailure(string Key, string? Value);

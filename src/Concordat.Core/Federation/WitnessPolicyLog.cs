namespace Concordat.Core.Federation;

/// <summary>A <c>log</c> line of a witness policy.</summary>
/// <param name="Key">The log's checkpoint key; its name is the log's origin.</param>
/// <param name="Url">The optional URL.</param>
public sealed record WitnessPolicyLog(NoteVerifierKey Key, string? Url);

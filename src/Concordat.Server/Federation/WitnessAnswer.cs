using Concordat.Core.Federation;

namespace Concordat.Server.Federation;

/// <summary>A witness's answer to one add-checkpoint request: the decision, and the cosignature line when it cosigned.</summary>
/// <param name="Verdict">The decision.</param>
/// <param name="Cosignature">The cosignature line (ending in a newline) when <see cref="WitnessVerdict.Outcome"/> is <see cref="WitnessOutcome.Cosign"/>.</param>
public sealed record WitnessAnswer(WitnessVerdict Verdict, string? Cosignature);

namespace Concordat.Core.Audit;

/// <summary>The first thing wrong with a log, as precisely as the evidence allows.</summary>
/// <param name="Code">Stable code: <c>entry.altered</c>, <c>entry.missing</c>, <c>entry.reordered</c>, <c>entry.malformed</c>,
/// <c>checkpoint.forged</c>, <c>checkpoint.mismatch</c>, <c>log.unsigned</c>, <c>log.truncated</c>,
/// <c>export.malformed</c>.</param>
/// <param name="Message">One sentence naming the index and what is wrong.</param>
/// <param name="Index">The first entry index that cannot be trusted, when one can be named.</param>
/// <param name="Line">The 1-based line of the export where it was found.</param>
public sealed record AuditProblem(string Code, string Message, long? Index, long Line);

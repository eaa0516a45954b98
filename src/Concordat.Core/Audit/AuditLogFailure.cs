namespace Concordat.Core.Audit;

/// <summary>
/// Why an audit log locked itself (failed closed): what it expected and what it found. Once set it stays set for the
/// life of the process, and the same checks find it again after a restart.
/// </summary>
/// <param name="Code">Stable code: <c>entry.altered</c> (content no longer matches its stored leaf hash),
/// <c>entry.missing</c> (an index skipped), <c>entry.rewritten</c> (an entry changed, leaf hash and all, after this hub
/// appended or checked it), <c>log.truncated</c> (fewer entries than a checkpoint covers), <c>checkpoint.mismatch</c>
/// (a signed root, stored or anchored, that the entries no longer give), <c>checkpoint.forged</c> (a stored checkpoint
/// whose signature fails), <c>checkpoint.missing</c> (the anchored checkpoint deleted from the ledger),
/// <c>anchor.invalid</c> (the anchor file unreadable or not signed by this log's key), <c>log.forked</c> (two
/// different trees signed at one size).</param>
/// <param name="Expected">What the evidence the hub trusts says (a size, a root hash, a leaf hash).</param>
/// <param name="Found">What the ledger holds instead.</param>
/// <param name="Index">The first entry index that cannot be trusted, when one can be named.</param>
public sealed record AuditLogFailure(string Code, string Expected, string Found, long? Index)
{
    /// <summary>One paragraph for logs, the CLI and administrators.</summary>
    public string Message => $"The audit log failed its integrity check and refuses appends, checkpoints and proofs ({Code}). Expected: {Expected} Found: {Found}";
}

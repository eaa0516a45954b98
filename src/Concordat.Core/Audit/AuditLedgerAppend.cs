namespace Concordat.Core.Audit;

/// <summary>What <see cref="IAuditLedger.AppendAsync"/> did.</summary>
/// <param name="Stored">True when the batch was stored; false when the ledger's size was not the one expected.</param>
/// <param name="Size">The ledger's size afterwards when stored; the size found when not.</param>
public readonly record struct AuditLedgerAppend(bool Stored, long Size)
{
    /// <summary>The batch was stored; the ledger now holds <paramref name="size"/> entries.</summary>
    public static AuditLedgerAppend Done(long size) => new(true, size);

    /// <summary>Nothing was stored because the ledger held <paramref name="size"/> entries, not the size expected.</summary>
    public static AuditLedgerAppend Conflict(long size) => new(false, size);
}

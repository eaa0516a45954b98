namespace Concordat.Core.Audit;

/// <summary>
/// What a browse of the audit log keeps (<see cref="AuditReader.ListNewestFirstAsync"/>): an entry matches when it
/// matches every member that is set; a member left null matches every entry. Immutable.
/// </summary>
public sealed record AuditEntryFilter
{
    /// <summary>The filter that keeps every entry.</summary>
    public static AuditEntryFilter None { get; } = new();

    /// <summary>Permitted or denied only.</summary>
    public AuditOutcome? Outcome { get; init; }

    /// <summary>One action only (lookup, verify, extract...), compared exactly.</summary>
    public string? Action { get; init; }

    /// <summary>Entries naming this agreement only, compared exactly.</summary>
    public string? AgreementId { get; init; }

    /// <summary>Entries naming this dataset only, compared exactly.</summary>
    public string? DatasetId { get; init; }

    /// <summary>Entries at or after this instant only.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries before this instant only (exclusive).</summary>
    public DateTimeOffset? Before { get; init; }

    /// <summary>True when no member is set.</summary>
    public bool IsEmpty => this == None;

    /// <summary>Whether <paramref name="entry"/> matches every member that is set.</summary>
    public bool Matches(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (Outcome is null || entry.Outcome == Outcome)
            && (Action is null || string.Equals(entry.Action, Action, StringComparison.Ordinal))
            && (AgreementId is null || string.Equals(entry.AgreementId, AgreementId, StringComparison.Ordinal))
            && (DatasetId is null || string.Equals(entry.DatasetId, DatasetId, StringComparison.Ordinal))
            && (From is null || entry.Time >= From)
            && (Before is null || entry.Time < Before);
    }
}

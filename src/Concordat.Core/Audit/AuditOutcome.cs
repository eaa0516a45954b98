namespace Concordat.Core.Audit;

/// <summary>Whether an access was allowed. Denials are audited too (DESIGN.md rule 1).</summary>
public enum AuditOutcome
{
    /// <summary>The access was allowed and data (or a count) was returned.</summary>
    Permitted,

    /// <summary>The access was refused; the entry's reason code says why.</summary>
    Denied,
}

namespace Concordat.Core.Ingestion;

/// <summary>What applying one validated row did to the store.</summary>
public enum RecordOutcome
{
    /// <summary>A key not seen before (or previously deleted): version written.</summary>
    Created,
    /// <summary>The content changed: a new version written, history kept.</summary>
    Updated,
    /// <summary>Identical to the current version: nothing written.</summary>
    Unchanged,
    /// <summary>The key already appeared earlier in this run: the row must be quarantined.</summary>
    DuplicateKey,
}

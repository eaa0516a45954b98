namespace Concordat.Core.Ingestion;

/// <summary>Whether a source holds the whole dataset or only changes.</summary>
public enum RefreshMode
{
    /// <summary>The source is the complete dataset: a current record missing from it gets a tombstone.</summary>
    Full,
    /// <summary>The source holds new and changed records only; nothing is tombstoned.</summary>
    Incremental,
}

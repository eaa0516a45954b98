using Concordat.Core.Ingestion;

namespace Concordat.Storage.Tests.Contracts;

/// <summary>What one record did in a batch of its own, for tests that drive a session a row at a time.</summary>
public enum RecordOutcome
{
    Created,
    Updated,
    Unchanged,
    DuplicateKey,
}

/// <summary>
/// Drives an <see cref="IIngestSession"/> one row per batch, so tests of the store's rules read row by row; the rules
/// across rows of one batch are tested in <see cref="IngestStoreContract"/> with real batches.
/// </summary>
public static class SessionRows
{
    public static RecordOutcome Apply(this IIngestSession session, string key, RecordContent content, long rowNumber) =>
        Outcome(session.Apply(One(key, content, rowNumber)));

    /// <summary>Applies a record that must be a duplicate and returns the row the store says was applied for its key.</summary>
    public static long? ApplyDuplicate(this IIngestSession session, string key, RecordContent content, long rowNumber)
    {
        var result = session.Apply(One(key, content, rowNumber));
        Assert.Equal(RecordOutcome.DuplicateKey, Outcome(result));
        return result.Duplicates[0].AppliedRow;
    }

    public static void Retain(this IIngestSession session, string key)
    {
        var batch = new IngestWriteBatch();
        batch.AddRetained(key);
        Assert.Empty(session.Apply(batch).Duplicates);
    }

    public static void Quarantine(this IIngestSession session, long rowNumber, IReadOnlyList<KeyValuePair<string, string?>> values, IReadOnlyList<string> reasons)
    {
        var batch = new IngestWriteBatch();
        batch.AddQuarantined(rowNumber, values, reasons);
        Assert.Empty(session.Apply(batch).Duplicates);
    }

    private static IngestWriteBatch One(string key, RecordContent content, long rowNumber)
    {
        var batch = new IngestWriteBatch(1);
        batch.AddRecord(key, content, rowNumber);
        return batch;
    }

    private static RecordOutcome Outcome(IngestBatchResult result)
    {
        Assert.Equal(1, result.Created + result.Updated + result.Unchanged + result.Duplicates.Count);
        return result.Created == 1 ? RecordOutcome.Created
            : result.Updated == 1 ? RecordOutcome.Updated
            : result.Unchanged == 1 ? RecordOutcome.Unchanged
            : RecordOutcome.DuplicateKey;
    }
}

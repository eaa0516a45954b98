namespace Concordat.Core.Ingestion;

/// <summary>
/// One batch of source rows on its way through the ingest pipeline: the raw values captured by the reader and,
/// once a thread has mapped and validated them, the prepared rows. Reused for later batches once applied, so the
/// pipeline allocates its few large arrays once per run. Its state is guarded by <see cref="IngestBatchQueue"/>.
/// </summary>
internal sealed class IngestBatch
{
    public IngestBatch(IReadOnlyList<string> columns, int capacity)
    {
        Raw = new SourceRowBatch(columns, capacity);
        Rows = new PreparedRow[capacity];
    }

    /// <summary>The captured source rows.</summary>
    public SourceRowBatch Raw { get; }

    /// <summary>The prepared rows, the first <see cref="SourceRowBatch.Count"/> of them valid once <see cref="Ready"/>.</summary>
    public PreparedRow[] Rows { get; }

    /// <summary>True once every row has been prepared.</summary>
    public bool Ready { get; set; }

    /// <summary>Maps and validates every captured row into <see cref="Rows"/>.</summary>
    public void Prepare(RecordBuilder builder)
    {
        var i = 0;
        while (Raw.Read())
        {
            Rows[i++] = builder.Build(Raw);
        }
    }

    /// <summary>Empties the batch for reuse, dropping its references to the rows it held.</summary>
    public void Clear()
    {
        Array.Clear(Rows, 0, Raw.Count);
        Raw.Clear();
        Ready = false;
    }
}

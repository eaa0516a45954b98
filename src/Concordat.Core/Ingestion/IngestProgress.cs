namespace Concordat.Core.Ingestion;

/// <summary>A progress report from a running ingest.</summary>
/// <param name="RowsRead">Rows read so far.</param>
/// <param name="RowsQuarantined">Rows quarantined so far.</param>
/// <param name="BytesRead">Source bytes read so far; 0 when unknown.</param>
/// <param name="Elapsed">Time since the run started.</param>
public readonly record struct IngestProgress(long RowsRead, long RowsQuarantined, long BytesRead, TimeSpan Elapsed)
{
    /// <summary>Average rows per second so far.</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsRead / Elapsed.TotalSeconds : 0;
}

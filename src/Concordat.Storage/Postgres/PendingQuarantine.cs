namespace Concordat.Storage.Postgres;

/// <summary>A quarantined row of an ingest run, serialised and waiting to be copied into <c>quarantine</c>.</summary>
internal sealed record PendingQuarantine(long RowNumber, string ValuesJson, string ReasonsJson);

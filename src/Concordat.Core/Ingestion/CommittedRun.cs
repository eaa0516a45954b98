namespace Concordat.Core.Ingestion;

/// <summary>An ingest run that committed: its id (runs commit in id order) and the dataset it wrote.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="DatasetId">The dataset the run wrote.</param>
public sealed record CommittedRun(long RunId, string DatasetId);

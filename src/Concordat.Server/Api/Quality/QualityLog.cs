using Concordat.Core.Ingestion;

namespace Concordat.Server.Api.Quality;

/// <summary>Quality log events; dataset ids and run numbers only, never values.</summary>
internal static partial class QualityLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Run {RunId} of dataset {DatasetId} committed, but its quality profile could not be taken")]
    public static partial void ProfileAfterIngestFailed(ILogger logger, Exception exception, long runId, string datasetId);

    public static void ProfileAfterIngestFailed(ILogger logger, IngestRun run, Exception exception) =>
        ProfileAfterIngestFailed(logger, exception, run.Id, run.DatasetId);
}

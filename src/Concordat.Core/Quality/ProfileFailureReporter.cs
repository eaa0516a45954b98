using Concordat.Core.Ingestion;

namespace Concordat.Core.Quality;

/// <summary>
/// Told when a run committed but its quality profile could not be taken. The run stays committed, so this is a report,
/// not a failure: the hub logs it, the command line prints a warning. Register one to hear of it; none is needed.
/// </summary>
/// <param name="run">The committed run.</param>
/// <param name="exception">Why the profile failed.</param>
public delegate void ProfileFailureReporter(IngestRun run, Exception exception);

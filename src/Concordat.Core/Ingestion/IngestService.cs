using System.Runtime.ExceptionServices;
using System.Text;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion.Sources;

namespace Concordat.Core.Ingestion;

/// <summary>
/// Loads a source into a dataset: compiles the mapping, reads and validates every row, writes new versions and
/// tombstones, and quarantines bad rows, all in one atomic run. Thread safe; runs are serialised by the store.
/// </summary>
public sealed class IngestService
{
    private readonly ICatalogueStore _catalogue;
    private readonly IIngestStore _store;
    private readonly TimeProvider _time;
    private readonly IIngestRunObserver? _observer;

    /// <summary>Creates the service.</summary>
    /// <param name="catalogue">The catalogue.</param>
    /// <param name="store">The ingest store.</param>
    /// <param name="time">The clock.</param>
    /// <param name="observer">Told about each committed run (quality profiling), if given.</param>
    public IngestService(ICatalogueStore catalogue, IIngestStore store, TimeProvider time, IIngestRunObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _catalogue = catalogue;
        _store = store;
        _time = time;
        _observer = observer;
    }

    /// <summary>Checks a mapping against a dataset's schema without reading any data.</summary>
    public static IReadOnlyList<Error> CheckMapping(Dataset dataset, IngestMapping mapping) => Compile(dataset, mapping).Errors;

    /// <summary>
    /// Runs an ingest. Configuration problems (unknown dataset, a mapping that does not fit the schema) come back as
    /// errors and record nothing. Problems with the source itself (unreadable, wrong encoding, missing columns)
    /// come back as a run with status <see cref="IngestRunStatus.Failed"/>, recorded so the history shows it, and
    /// nothing of that run is visible.
    /// </summary>
    public async Task<Result<IngestRun>> IngestAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dataset = await _catalogue.GetDatasetAsync(request.DatasetId, cancellationToken).ConfigureAwait(false);
        if (dataset is null)
        {
            request.Content?.Dispose();
            return Error.NotFound("dataset.not_found", $"No dataset '{request.DatasetId}'.");
        }

        var compiled = Compile(dataset, request.Mapping);
        if (!compiled.IsSuccess)
        {
            request.Content?.Dispose();
            return Result<IngestRun>.Failure(compiled.Errors);
        }

        if (request.OpenSource is null && request.Content is null)
        {
            throw new ArgumentException("An ingest needs Content or OpenSource.", nameof(request));
        }

        var start = new IngestRunStart(request.DatasetId, request.SourceName, request.Mapping.Source.Format, request.Mapping.Mode, request.StartedBy, _time.GetUtcNow());
        var result = await Task.Run(() => Run(request, compiled.Value, start, cancellationToken), CancellationToken.None).ConfigureAwait(false);
        if (!request.DeferObservers && result.IsSuccess)
        {
            await ObserveAsync(result.Value, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Tells the observers (quality profiling, change notifications) about a committed run; does nothing for a failed one.</summary>
    public async Task ObserveAsync(IngestRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_observer is not null && run.Status == IngestRunStatus.Succeeded)
        {
            await _observer.RunCommittedAsync(run, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Result<CompiledMapping> Compile(Dataset dataset, IngestMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(mapping);
        var compiled = CompiledMapping.Compile(dataset.Schema, mapping);
        if (mapping.Source.Format != SourceFormat.FixedWidth || mapping.Source.Layout is not null)
        {
            return compiled;
        }

        var noLayout = Error.Validation("mapping.no_layout", "A fixed-width source needs a layout (inline \"layout\" or a \"layoutFile\" beside the mapping).", "source.layout");
        return Result<CompiledMapping>.Failure([.. compiled.Errors, noLayout]);
    }

    private async Task<Result<IngestRun>> Run(IngestRequest request, CompiledMapping compiled, IngestRunStart start, CancellationToken cancellationToken)
    {
        HashingReadStream? hashing = request.OpenSource is null ? new HashingReadStream(request.Content!) : null;
        IngestCounts? counts = null;
        string failure;
        var begun = false;
        StoreUnavailableException? storeFailure = null;
        try
        {
            using var source = OpenSource(request, compiled, hashing);
            var bound = compiled.Bind(source);

            // A source with no columns at all is an empty file: it has no rows to map, which the full-refresh
            // guard below reports better than a list of every column as missing.
            if (!bound.IsSuccess && source.Columns.Count > 0)
            {
                failure = string.Join(" ", bound.Errors.Select(e => e.Message));
            }
            else
            {
                var ordinals = bound.IsSuccess ? bound.Value : new int[compiled.SourceColumns.Count];

                // The session holds the store's write lock: it is disposed (rolled back) before a failure is recorded.
                using var session = _store.Begin(start);
                begun = true;
                counts = new IngestPipeline(compiled, request.Progress).Run(source, ordinals, session, cancellationToken);
                var fullRefresh = request.Mapping.Mode == RefreshMode.Full;

                // A JSON or XML path that no row had is a typo, like a CSV column the header lacks: loading would store
                // the field as empty in every record (and, in an incremental run, overwrite what was there).
                if (compiled.FindUnmatchedColumns(source, ordinals) is { } unmatched)
                {
                    failure = unmatched;
                }
                else if (!fullRefresh || counts.RowsLoaded > 0 || request.AllowEmptyFullRefresh)
                {
                    return session.Commit(counts, fullRefresh, hashing?.HashHex(), _time.GetUtcNow());
                }
                else
                {
                    failure = (counts.RowsRead == 0 ? "The source has no rows" : $"None of the source's {counts.RowsRead} rows passed validation")
                        + "; as a full refresh it would delete every record, so nothing was changed. Fix the source, or allow an empty full refresh explicitly.";
                }
            }
        }
        catch (SourceFormatException ex)
        {
            failure = ex.Message;
        }
        catch (DecoderFallbackException ex)
        {
            failure = $"The source is not valid {request.Mapping.Source.Encoding}: {ex.Message} Declare the right encoding in the mapping.";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = "The run was cancelled; nothing was changed.";
        }
        catch (StoreUnavailableException ex) when (begun)
        {
            // The run was rolled back when its session was disposed, which released the store; a Failed run can be
            // recorded unless the store is still unavailable. A store that could not even begin the run (locked,
            // read-only) cannot record one either, so that failure goes straight to the caller.
            failure = "The run could not be written: " + ex.Message;
            storeFailure = ex;
        }
        finally
        {
            hashing?.Dispose();
        }

        try
        {
            // Nothing of a failed run is kept (its versions and quarantined rows were rolled back), so it records only
            // how far it read.
            return await FailAsync(start, new IngestCounts { RowsRead = counts?.RowsRead ?? 0 }, failure).ConfigureAwait(false);
        }
        catch (StoreUnavailableException) when (storeFailure is not null)
        {
            ExceptionDispatchInfo.Throw(storeFailure);
            throw;
        }
    }

    /// <summary>
    /// Opens the source. A database or file that cannot be reached (wrong password, connection refused, missing
    /// table, a malformed connection string) is a failure of this run's source, reported in one line like a
    /// malformed file, not an error of the hub.
    /// </summary>
    private static IRecordSource OpenSource(IngestRequest request, CompiledMapping compiled, HashingReadStream? hashing)
    {
        try
        {
            return request.OpenSource is not null
                ? request.OpenSource(compiled.SourceColumns)
                : RecordSourceFactory.Open(request.Mapping.Source, hashing!, compiled.SourceColumns);
        }
        catch (Exception ex) when (SourceFormatException.IsEnvironmental(ex) || ex is ArgumentException)
        {
            throw new SourceFormatException("The source could not be opened: " + SourceFormatException.OneLine(ex), ex);
        }
    }

    private async Task<Result<IngestRun>> FailAsync(IngestRunStart start, IngestCounts counts, string error) =>
        await _store.RecordFailedRunAsync(start, counts, error, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
}

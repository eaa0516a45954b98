using System.Text;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Core.Quality.Internal;

namespace Concordat.Core.Quality;

/// <summary>
/// Profiles datasets (after every committed ingest run and on demand), evaluates their rules in the same pass and
/// keeps the profiles; stores and checks rule files. Thread safe.
/// </summary>
public sealed class QualityService : IIngestRunObserver
{
    private readonly ICatalogueStore _catalogue;
    private readonly IIngestStore _ingest;
    private readonly IQualityStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    public QualityService(ICatalogueStore catalogue, IIngestStore ingest, IQualityStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _catalogue = catalogue;
        _ingest = ingest;
        _store = store;
        _time = time;
    }

    /// <summary>
    /// Told when profiling after an ingest run throws (the run itself stays committed); hosts log it. Without a
    /// handler the exception propagates to the ingest's caller.
    /// </summary>
    public Action<IngestRun, Exception>? ProfileAfterIngestFailed { get; init; }

    /// <summary>Profile options; <see cref="ProfileOptions.Default"/> unless set.</summary>
    public ProfileOptions Options { get; init; } = ProfileOptions.Default;

    /// <summary>
    /// Profiles a dataset's current records, evaluates its rules and stores the profile. For an on-demand profile
    /// the duplicate-key rate comes from the newest succeeded run.
    /// </summary>
    public async Task<Result<QualityProfile>> ProfileAsync(string datasetId, ProfileTrigger trigger, long? runId, CancellationToken cancellationToken)
    {
        var dataset = await _catalogue.GetDatasetAsync(datasetId, cancellationToken).ConfigureAwait(false);
        if (dataset is null)
        {
            return Error.NotFound("dataset.not_found", $"No dataset '{datasetId}'.");
        }

        var datasets = await _catalogue.ListDatasetsAsync(null, cancellationToken).ConfigureAwait(false);
        var byId = datasets.ToDictionary(d => d.Id, StringComparer.Ordinal);
        QualityRuleSet? rules = null;
        string? note = null;
        if (await _store.GetRulesAsync(datasetId, cancellationToken).ConfigureAwait(false) is { } json)
        {
            var parsed = QualityRuleFile.Parse(json, dataset, id => byId.GetValueOrDefault(id));
            if (parsed.IsSuccess)
            {
                rules = parsed.Value;
            }
            else
            {
                note = "The dataset's rules no longer fit its schema and were not evaluated: " + string.Join(" ", parsed.Errors.Select(e => e.Message));
            }
        }

        var references = new Dictionary<QualityRule, ReferenceValues?>(ReferenceEqualityComparer.Instance);
        foreach (var rule in rules?.Rules.Where(r => r.Type == RuleType.Referential) ?? [])
        {
            references[rule] = await Task.Run(() => ReadReference(rule, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        runId ??= (await _ingest.ListRunsAsync(datasetId, 50, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(r => r.Status == IngestRunStatus.Succeeded)?.Id;
        var duplicates = runId is { } id ? await _store.DuplicateKeyRateAsync(id, cancellationToken).ConfigureAwait(false) : null;

        var profiler = new DatasetProfiler(dataset, _time.GetUtcNow(), Options, rules, r => references.GetValueOrDefault(r));
        await Task.Run(() => _store.ScanCurrentRecords(datasetId, profiler.Add, cancellationToken), cancellationToken).ConfigureAwait(false);
        var profile = profiler.Complete(trigger, trigger == ProfileTrigger.Ingest ? runId : null, duplicates);
        if (note is not null)
        {
            profile = profile with { Note = profile.Note is null ? note : profile.Note + " " + note };
        }

        return await _store.SaveProfileAsync(profile, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The dataset's profiles, newest first; not found when the dataset is unknown.</summary>
    public async Task<Result<IReadOnlyList<QualityProfile>>> ListProfilesAsync(string datasetId, int limit, CancellationToken cancellationToken)
    {
        if (await _catalogue.GetDatasetAsync(datasetId, cancellationToken).ConfigureAwait(false) is null)
        {
            return Error.NotFound("dataset.not_found", $"No dataset '{datasetId}'.");
        }

        return Result<IReadOnlyList<QualityProfile>>.Success(await _store.ListProfilesAsync(datasetId, limit, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Checks a rule file against the dataset's schema and, when it is sound, replaces the dataset's rules.</summary>
    public async Task<Result<QualityRuleSet>> PutRulesAsync(string datasetId, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        var dataset = await _catalogue.GetDatasetAsync(datasetId, cancellationToken).ConfigureAwait(false);
        if (dataset is null)
        {
            return Error.NotFound("dataset.not_found", $"No dataset '{datasetId}'.");
        }

        var datasets = await _catalogue.ListDatasetsAsync(null, cancellationToken).ConfigureAwait(false);
        var parsed = QualityRuleFile.Parse(json, dataset, id => datasets.FirstOrDefault(d => d.Id == id));
        if (!parsed.IsSuccess)
        {
            return parsed;
        }

        return await _store.PutRulesAsync(parsed.Value, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The dataset's rules as stored (an empty set when it has none); not found when the dataset is unknown.</summary>
    public async Task<Result<QualityRuleSet>> GetRulesAsync(string datasetId, CancellationToken cancellationToken)
    {
        var dataset = await _catalogue.GetDatasetAsync(datasetId, cancellationToken).ConfigureAwait(false);
        if (dataset is null)
        {
            return Error.NotFound("dataset.not_found", $"No dataset '{datasetId}'.");
        }

        var json = await _store.GetRulesAsync(datasetId, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return QualityRuleSet.Empty(datasetId);
        }

        var datasets = await _catalogue.ListDatasetsAsync(null, cancellationToken).ConfigureAwait(false);
        return QualityRuleFile.Parse(json, dataset, id => datasets.FirstOrDefault(d => d.Id == id));
    }

    /// <inheritdoc />
    public async Task RunCommittedAsync(IngestRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await ProfileAsync(run.DatasetId, ProfileTrigger.Ingest, run.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ProfileAfterIngestFailed is not null)
        {
            ProfileAfterIngestFailed(run, ex);
        }
    }

    private ReferenceValues ReadReference(QualityRule rule, CancellationToken cancellationToken)
    {
        var values = new ReferenceValues();
        var name = Encoding.UTF8.GetBytes(rule.DatasetField!);
        _store.ScanCurrentRecords(rule.Dataset!, (payload, _, _) => values.Add(PayloadField.Read(payload, name)), cancellationToken);
        return values;
    }
}

using Concordat.Core.Ingestion;

namespace Concordat.Core.Linkage;

/// <summary>
/// Builds a <see cref="PersonMatchIndex"/> from the hub's stores and keeps it in step with them by following two
/// change feeds, each ordered by commit: the person link feed (<see cref="IPersonStore.GetLinkChangesAsync"/>) and the
/// committed ingest runs with the versions each wrote (<see cref="IRecordStore.ListCommittedRunsAsync"/>). A catch-up
/// reads only what committed after the index's <see cref="PersonMatchIndex.Position"/>. Stateless; one catch-up per
/// index at a time.
/// </summary>
public static class PersonMatchIndexLoader
{
    /// <summary>
    /// Link changes waiting beyond which a catch-up asks for a rebuild instead: applying them one by one (a point read
    /// of each new record) would cost more than reading every linked record in pages.
    /// </summary>
    public const int RebuildAbove = 200_000;

    private const int Page = 1000;

    /// <summary>Reads every linked record's current version and builds the index, positioned at the feeds' heads as they were before the read.</summary>
    public static async Task<Result<PersonMatchIndex>> LoadAsync(LinkageSettings settings, LinkageModel model, IPersonStore persons, IRecordStore recordStore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(recordStore);

        // The feeds' heads are read first: whatever commits during the load is after them and is applied again by the
        // first catch-up (applying a change twice leaves the same state), so nothing is missed.
        var position = new PersonMatchPosition(
            (await persons.GetLinkChangesAsync(long.MaxValue, 1, cancellationToken)).Latest,
            await LatestRunAsync(recordStore, cancellationToken));
        var links = await persons.GetLinksAsync(cancellationToken);
        var records = new List<HubRecord>(links.Count);
        foreach (var datasetId in links.Keys.Select(r => r.DatasetId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            string? after = null;
            while (true)
            {
                var page = await recordStore.ListRecordsAsync(datasetId, after, Page, cancellationToken);
                records.AddRange(page.Where(v => !v.IsDeleted).Select(v => ToRecord(datasetId, v)).Where(r => links.ContainsKey(r.Ref)));
                if (page.Count < Page)
                {
                    break;
                }

                after = page[^1].Key;
            }
        }

        var built = PersonMatchIndex.Build(settings, model, records, links);
        if (built.IsSuccess)
        {
            built.Value.Position = position;
        }

        return built;
    }

    /// <summary>
    /// Brings <paramref name="index"/> in step with what committed after its <see cref="PersonMatchIndex.Position"/>:
    /// first the record versions of each committed ingest run (a linked record's values are replaced; a tombstone takes
    /// it out of matching until a later version), then the link changes (a record newly linked is read at its current
    /// version and added, a moved one follows its person, an unlinked one leaves). Costs what changed, not what is
    /// held; matching goes on meanwhile. Asks for a rebuild instead when the link feed was pruned past the index's
    /// position or more than <see cref="RebuildAbove"/> link changes wait.
    /// </summary>
    public static async Task<PersonMatchCatchUp> CatchUpAsync(PersonMatchIndex index, IPersonStore persons, IRecordStore recordStore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(recordStore);
        var changed = 0;

        // Runs before links: a record newly linked below is read at its current version, which already includes every
        // run listed here, so no older version can be applied over it.
        while (true)
        {
            var runs = await recordStore.ListCommittedRunsAsync(index.Position.RunId, Page, cancellationToken);
            foreach (var run in runs)
            {
                string? after = null;
                while (true)
                {
                    var page = await recordStore.ListVersionsOfRunAsync(run.DatasetId, run.RunId, after, Page, cancellationToken);
                    foreach (var version in page)
                    {
                        var reference = new RecordRef(run.DatasetId, version.Key);
                        if (index.TryGetPerson(reference, out _))
                        {
                            changed += index.ApplyVersion(reference, version.IsDeleted ? null : ToRecord(run.DatasetId, version)) ? 1 : 0;
                        }
                    }

                    if (page.Count < Page)
                    {
                        break;
                    }

                    after = page[^1].Key;
                }

                index.Position = index.Position with { RunId = run.RunId };
            }

            if (runs.Count < Page)
            {
                break;
            }
        }

        while (true)
        {
            var feed = await persons.GetLinkChangesAsync(index.Position.LinkSequence, Page, cancellationToken);
            if (index.Position.LinkSequence < feed.PrunedUpTo || feed.Latest - index.Position.LinkSequence > RebuildAbove)
            {
                return new PersonMatchCatchUp(changed, RebuildNeeded: true);
            }

            // Each change carries the record's person now, so only its last mention in a page needs applying.
            var last = new Dictionary<RecordRef, PersonLinkChange>();
            foreach (var change in feed.Changes)
            {
                last[change.Record] = change;
            }

            foreach (var change in last.Values.OrderBy(c => c.Sequence))
            {
                HubRecord? current = null;
                if (change.PersonId is not null && !index.Holds(change.Record))
                {
                    var version = await recordStore.GetRecordAsync(change.Record.DatasetId, change.Record.RecordKey, cancellationToken);
                    current = version is { IsDeleted: false } ? ToRecord(change.Record.DatasetId, version) : null;
                }

                changed += index.ApplyLink(change.Record, change.PersonId, current) ? 1 : 0;
            }

            if (feed.Changes.Count > 0)
            {
                index.Position = index.Position with { LinkSequence = feed.Changes[^1].Sequence };
            }

            if (feed.Changes.Count < Page)
            {
                return new PersonMatchCatchUp(changed, RebuildNeeded: false);
            }
        }
    }

    private static async Task<long> LatestRunAsync(IRecordStore recordStore, CancellationToken cancellationToken)
    {
        var latest = 0L;
        while (true)
        {
            var runs = await recordStore.ListCommittedRunsAsync(latest, IRecordStore.MaxPageSize, cancellationToken);
            if (runs.Count == 0)
            {
                return latest;
            }

            latest = runs[^1].RunId;
            if (runs.Count < IRecordStore.MaxPageSize)
            {
                return latest;
            }
        }
    }

    private static HubRecord ToRecord(string datasetId, RecordVersion version) =>
        HubRecord.FromPayload(new RecordRef(datasetId, version.Key), version.RecordedAt, version.PayloadJson);
}

using Concordat.Core.Catalogue;
using Concordat.Core.Governance;

namespace Concordat.Core.Audit;

/// <summary>
/// Reads the audit log within an <see cref="AuditReadScope"/>: an entry outside the scope reads exactly like an entry
/// that does not exist. Which organisations an entry concerns is worked out from what it names: the organisation
/// that asked, the provider of the agreement it names, and the owner of the dataset it names (so an attempt on a
/// provider's dataset under no agreement is still the provider's to see). Thread safe.
/// </summary>
public sealed class AuditReader
{
    // A reader with a narrow scope may have to pass over many entries to fill a page; it stops after this many and
    // hands back a cursor, so one request never scans the whole log.
    private const int MaxScannedPerPage = 5_000;

    private readonly IAuditLog _log;
    private readonly ICatalogueStore _catalogue;
    private readonly IAgreementStore _agreements;

    /// <summary>Creates the reader.</summary>
    public AuditReader(IAuditLog log, ICatalogueStore catalogue, IAgreementStore agreements)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(agreements);
        _log = log;
        _catalogue = catalogue;
        _agreements = agreements;
    }

    /// <summary>The entry at <paramref name="index"/>, or null when there is none or it is outside the scope.</summary>
    public async Task<LoggedAuditEntry?> GetEntryAsync(AuditReadScope scope, long index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var entry = await _log.GetEntryAsync(index, cancellationToken);
        return entry is not null && await CoversAsync(scope, entry.Entry, new Lookups(), cancellationToken) ? entry : null;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> entries naming <paramref name="subject"/> within the scope, after index
    /// <paramref name="after"/>, with the cursor of the next page (null at the end).
    /// </summary>
    public async Task<(IReadOnlyList<LoggedAuditEntry> Items, long? Next)> FindBySubjectAsync(
        AuditReadScope scope, SubjectKey subject, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var lookups = new Lookups();
        var items = new List<LoggedAuditEntry>(limit);
        var cursor = after;
        var scanned = 0;
        while (true)
        {
            var page = await _log.FindBySubjectAsync(subject, cursor, limit + 1, cancellationToken);
            foreach (var logged in page)
            {
                cursor = logged.Index;
                scanned++;
                if (!await CoversAsync(scope, logged.Entry, lookups, cancellationToken))
                {
                    continue;
                }

                if (items.Count == limit)
                {
                    // One more in scope: there is a next page, starting after the last one returned.
                    return (items, items[^1].Index);
                }

                items.Add(logged);
            }

            if (page.Count < limit + 1)
            {
                return (items, null);
            }

            if (scanned >= MaxScannedPerPage)
            {
                return (items, cursor);
            }
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> entries within the scope that match <paramref name="filter"/>, newest first,
    /// among those with an index below <paramref name="before"/> (null for the end of the log), with the cursor of the
    /// next page (pass it as <paramref name="before"/>; null at the start of the log). A page stops early, with a cursor,
    /// after passing over 5,000 entries, so a narrow scope or filter never makes one request read the whole log.
    /// </summary>
    public async Task<(IReadOnlyList<LoggedAuditEntry> Items, long? Next)> ListNewestFirstAsync(
        AuditReadScope scope, AuditEntryFilter filter, long? before, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        const int Chunk = 250;
        var lookups = new Lookups();
        var items = new List<LoggedAuditEntry>(limit);
        var end = Math.Min(before ?? long.MaxValue, await _log.GetSizeAsync(cancellationToken));
        var scanned = 0;
        while (end > 0)
        {
            var from = Math.Max(0, end - Chunk);
            var chunk = await _log.ListEntriesAsync(from, (int)(end - from), cancellationToken);
            for (var i = chunk.Count - 1; i >= 0; i--)
            {
                var logged = chunk[i];
                scanned++;
                if (filter.Matches(logged.Entry) && await CoversAsync(scope, logged.Entry, lookups, cancellationToken))
                {
                    if (items.Count == limit)
                    {
                        // One more in scope: there is a next page, of the entries older than the last one returned.
                        return (items, items[^1].Index);
                    }

                    items.Add(logged);
                }

                if (scanned >= MaxScannedPerPage)
                {
                    return (items, logged.Index > 0 ? logged.Index : null);
                }
            }

            end = from;
        }

        return (items, null);
    }

    /// <summary>The organisations an entry concerns: the one that asked, the named agreement's provider, the named dataset's owner.</summary>
    public Task<IReadOnlyCollection<string>> OrganisationsOfAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        OrganisationsAsync(entry, new Lookups(), cancellationToken);

    private async Task<bool> CoversAsync(AuditReadScope scope, AuditEntry entry, Lookups lookups, CancellationToken cancellationToken) =>
        scope.SeesEverything || scope.Covers(await OrganisationsAsync(entry, lookups, cancellationToken));

    private async Task<IReadOnlyCollection<string>> OrganisationsAsync(AuditEntry entry, Lookups lookups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var organisations = new HashSet<string>(StringComparer.Ordinal) { entry.OrganisationId };
        if (!string.IsNullOrEmpty(entry.AgreementId))
        {
            if (!lookups.Providers.TryGetValue(entry.AgreementId, out var provider))
            {
                provider = (await _agreements.GetAsync(entry.AgreementId, cancellationToken))?.Terms.ProviderOrganisationId;
                lookups.Providers[entry.AgreementId] = provider;
            }

            if (provider is not null)
            {
                organisations.Add(provider);
            }
        }

        if (!string.IsNullOrEmpty(entry.DatasetId))
        {
            if (!lookups.Owners.TryGetValue(entry.DatasetId, out var owner))
            {
                owner = (await _catalogue.GetDatasetAsync(entry.DatasetId, cancellationToken))?.OrganisationId;
                lookups.Owners[entry.DatasetId] = owner;
            }

            if (owner is not null)
            {
                organisations.Add(owner);
            }
        }

        return organisations;
    }

    // Agreement providers and dataset owners never change, so one request may remember them.
    private sealed class Lookups
    {
        public Dictionary<string, string?> Providers { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string?> Owners { get; } = new(StringComparer.Ordinal);
    }
}

namespace Concordat.Core.Audit;

/// <summary>
/// Counts of the audit log's entries by agreement, organisation, dataset, month, action, outcome and reason code, for
/// the impact figures. The log only grows, so the counts are brought up to date by reading only the entries appended
/// since the last read; every node keeps its own and each reads the same shared log, so they agree. Thread safe.
/// </summary>
public sealed class AccessTally : IDisposable
{
    private const int ReadPage = 1000;

    private readonly IAuditLog _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<AccessCountKey, long> _counts = [];
    private long _next;

    /// <summary>Creates the tally over <paramref name="log"/>.</summary>
    public AccessTally(IAuditLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
    }

    /// <summary>The counts of every entry in the log now.</summary>
    public async Task<IReadOnlyDictionary<AccessCountKey, long>> CountsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var size = await _log.GetSizeAsync(cancellationToken).ConfigureAwait(false);
            while (_next < size)
            {
                var page = await _log.ListEntriesAsync(_next, (int)Math.Min(ReadPage, size - _next), cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                foreach (var logged in page)
                {
                    Add(logged.Entry);
                    _next = logged.Index + 1;
                }
            }

            return new Dictionary<AccessCountKey, long>(_counts);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the lock that serialises reads.</summary>
    public void Dispose() => _gate.Dispose();

    private void Add(AuditEntry entry)
    {
        var time = entry.Time.UtcDateTime;
        var key = new AccessCountKey(entry.AgreementId, entry.OrganisationId, entry.DatasetId, new DateOnly(time.Year, time.Month, 1), entry.Action, entry.Outcome, entry.ReasonCode);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }
}

namespace Concordat.Core.Audit;

/// <summary>Where aggregated security events are kept. Thread safe.</summary>
public interface ISecurityEventStore
{
    /// <summary>Adds the counts to the stored ones (a window written twice, by two nodes or across a restart, adds up).</summary>
    Task AddAsync(IReadOnlyList<SecurityEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Events whose window starts at or after <paramref name="from"/> and before <paramref name="to"/>, oldest first,
    /// after the cursor <paramref name="after"/> (a row id, 0 for the start); only those of
    /// <paramref name="organisationId"/> when it is given.
    /// </summary>
    Task<IReadOnlyList<(long Id, SecurityEvent Event)>> ListAsync(DateTimeOffset from, DateTimeOffset to, string? organisationId, long after, int limit, CancellationToken cancellationToken);
}

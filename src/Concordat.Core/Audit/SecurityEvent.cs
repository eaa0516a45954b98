namespace Concordat.Core.Audit;

/// <summary>
/// How many requests of one kind one caller made in one window: the aggregated form in which refusals that never
/// became accesses are kept, so a flood of them costs one small row per caller per window rather than one per request.
/// </summary>
/// <param name="WindowStart">Start of the window (UTC, on a minute boundary); the window is <see cref="SecurityEventTally.Window"/> long.</param>
/// <param name="Kind">What was counted.</param>
/// <param name="Partition">
/// Who: <c>client:&lt;id&gt;</c> for a client the hub authenticated (rate limited), <c>address:&lt;ip&gt;</c> for anyone
/// else (an IPv6 address is kept as its /64 network), or <c>other</c> when a window already holds
/// <see cref="SecurityEventTally.MaxPartitionsPerWindow"/> callers of that kind.
/// </param>
/// <param name="OrganisationId">The authenticated client's organisation, or null.</param>
/// <param name="Count">Requests counted.</param>
public sealed record SecurityEvent(DateTimeOffset WindowStart, SecurityEventKind Kind, string Partition, string? OrganisationId, long Count);

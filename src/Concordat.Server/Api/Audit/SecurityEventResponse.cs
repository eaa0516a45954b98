using Concordat.Core.Audit;

namespace Concordat.Server.Api.Audit;

/// <summary>Requests of one kind by one caller in one minute, refused before they became accesses.</summary>
/// <param name="WindowStart">Start of the one-minute window (UTC).</param>
/// <param name="Kind">unauthenticated, clientAuthenticationFailed or rateLimited.</param>
/// <param name="Partition"><c>client:&lt;id&gt;</c>, <c>address:&lt;ip&gt;</c> (IPv6 as its /64) or <c>other</c> (callers beyond the per-window bound).</param>
/// <param name="OrganisationId">The authenticated client's organisation, if any.</param>
/// <param name="Count">Requests counted.</param>
public sealed record SecurityEventResponse(DateTimeOffset WindowStart, SecurityEventKind Kind, string Partition, string? OrganisationId, long Count)
{
    /// <summary>Projects a stored event.</summary>
    public static SecurityEventResponse From(SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.WindowStart, e.Kind, e.Partition, e.OrganisationId, e.Count);
    }
}

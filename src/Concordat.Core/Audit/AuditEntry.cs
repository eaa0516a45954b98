namespace Concordat.Core.Audit;

/// <summary>
/// One access, permitted or denied, as the audit log records it. The log assigns the entry's index when it is
/// appended; the canonical bytes (<see cref="AuditEntryCodec"/>) of index and entry are the Merkle leaf. Names people
/// only by <see cref="SubjectKey"/>. Immutable.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>When the access happened, UTC, kept to the microsecond (finer ticks are dropped so the entry round-trips).</summary>
    public required DateTimeOffset Time { get; init => field = AuditEntryCodec.NormaliseTime(value); }

    /// <summary>The API client that asked.</summary>
    public required string ClientId { get; init; }

    /// <summary>The organisation the client acts for.</summary>
    public required string OrganisationId { get; init; }

    /// <summary>The agreement the access was made under, or null when none applied (usually a denial).</summary>
    public string? AgreementId { get; init; }

    /// <summary>The purpose the consumer stated; empty when none was given.</summary>
    public required string Purpose { get; init; }

    /// <summary>What was asked for, e.g. <c>lookup</c>, <c>extract</c>, <c>aggregate</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The dataset concerned, or null when the request named none that exists.</summary>
    public string? DatasetId { get; init; }

    /// <summary>The fields disclosed (permitted) or asked for (denied), in the order given.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>Whether the access was allowed.</summary>
    public required AuditOutcome Outcome { get; init; }

    /// <summary>A stable reason code, e.g. <c>agreement.not_active</c>; null for a plain permitted access.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>The people whose data the access touched, as keyed subject keys.</summary>
    public IReadOnlyList<SubjectKey> SubjectKeys { get; init; } = [];

    /// <summary>The request's trace id, so an entry can be matched to the hub's own logs.</summary>
    public string? TraceId { get; init; }
}

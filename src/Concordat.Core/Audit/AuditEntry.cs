namespace Concordat.Core.Audit;

/// <summary>
/// One access, permitted or denied, as the audit log records it. The log assigns the entry's index when it is
/// appended; the canonical bytes (<see cref="AuditEntryCodec"/>) of index and entry are the Merkle leaf. Names people
/// only by <see cref="SubjectKey"/>. Immutable.
/// </summary>
/// <remarks>
/// <b>Every text member is bounded where the entry is built</b>, so no request can make an entry large or carry free
/// text into the append-only log: each text (client, organisation, agreement, purpose, action, dataset, every field
/// name, reason code, trace id) is kept only when it is at most <see cref="MaxTextLength"/> characters of ASCII
/// letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>:</c>; anything else is stored as <see cref="Withheld"/>. At most
/// <see cref="MaxFields"/> field names are kept; when more were given the last kept one is <see cref="Withheld"/>.
/// So an entry's text is at most about 17 KB whatever was sent (field names dominate; without them, under 1 KB).
/// Entries read back from the log (<see cref="AuditEntryCodec.Decode"/>, the export) are taken as stored, so a log
/// written before these bounds still verifies.
/// </remarks>
public sealed record AuditEntry
{
    /// <summary>Longest text a member (or one field name) keeps: ids, codes and field names are all shorter.</summary>
    public const int MaxTextLength = 64;

    /// <summary>Most field names an entry keeps.</summary>
    public const int MaxFields = 256;

    /// <summary>What is stored instead of a text that is too long or holds characters outside the allowed set.</summary>
    public const string Withheld = "?";

    private readonly bool _verbatim;

    /// <summary>Creates an entry whose members are bounded as they are set (see the remarks).</summary>
    public AuditEntry()
    {
    }

    // An entry read back from storage or an export: members are kept exactly as they were stored, so the canonical
    // bytes (and so the leaf hash) are reproduced even for entries appended before the bounds existed.
    internal AuditEntry(bool verbatim) => _verbatim = verbatim;

    /// <summary>When the access happened, UTC, kept to the microsecond (finer ticks are dropped so the entry round-trips).</summary>
    public required DateTimeOffset Time { get; init => field = AuditEntryCodec.NormaliseTime(value); }

    /// <summary>The API client that asked.</summary>
    public required string ClientId { get; init => field = Text(value)!; }

    /// <summary>The organisation the client acts for.</summary>
    public required string OrganisationId { get; init => field = Text(value)!; }

    /// <summary>The agreement the access was made under, or null when none applied (usually a denial).</summary>
    public string? AgreementId { get; init => field = Text(value); }

    /// <summary>The purpose code the consumer stated; empty when none was given, <see cref="Withheld"/> when it was not a purpose code.</summary>
    public required string Purpose { get; init => field = Text(value)!; }

    /// <summary>What was asked for, e.g. <c>lookup</c>, <c>extract</c>, <c>aggregate</c>.</summary>
    public required string Action { get; init => field = Text(value)!; }

    /// <summary>The dataset concerned, or null when the request named none that exists.</summary>
    public string? DatasetId { get; init => field = Text(value); }

    /// <summary>The fields disclosed (permitted) or asked for (denied), in the order given; at most <see cref="MaxFields"/>.</summary>
    public IReadOnlyList<string> Fields { get; init => field = _verbatim ? value : BoundFields(value); } = [];

    /// <summary>Whether the access was allowed.</summary>
    public required AuditOutcome Outcome { get; init; }

    /// <summary>A stable reason code, e.g. <c>agreement.not_active</c>; null for a plain permitted access.</summary>
    public string? ReasonCode { get; init => field = Text(value); }

    /// <summary>The people whose data the access touched, as keyed subject keys.</summary>
    public IReadOnlyList<SubjectKey> SubjectKeys { get; init; } = [];

    /// <summary>The request's trace id, so an entry can be matched to the hub's own logs.</summary>
    public string? TraceId { get; init => field = Text(value); }

    /// <summary>
    /// For an exchange across federation nodes, the other node and the digests of the signed request and response;
    /// null for everything else. An entry with evidence is encoded as format version 2 (<see cref="AuditEntryCodec"/>).
    /// </summary>
    public ExchangeEvidence? Evidence { get; init; }

    /// <summary>
    /// <paramref name="value"/> when it may be stored as it is (null, empty, or at most <see cref="MaxTextLength"/>
    /// ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>:</c>); otherwise <see cref="Withheld"/>.
    /// </summary>
    public static string? Bound(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return value;
        }

        if (value.Length > MaxTextLength)
        {
            return Withheld;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return Withheld;
            }
        }

        return value;
    }

    private string? Text(string? value)
    {
        return _verbatim ? value : Bound(value);
    }

    private static string[] BoundFields(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var count = Math.Min(fields.Count, MaxFields);
        var bounded = new string[count];
        for (var i = 0; i < count; i++)
        {
            bounded[i] = Bound(fields[i]) ?? Withheld;
        }

        if (fields.Count > MaxFields)
        {
            bounded[^1] = Withheld;
        }

        return bounded;
    }
}

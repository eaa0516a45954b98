using Concordat.Core;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Server.Auth;
using Concordat.Server.Hosting;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// What request handlers call to audit an access. Await <see cref="RecordAsync"/> before writing the response: it
/// completes when the entry is durably committed and throws <see cref="AuditLogException"/> when it could not be,
/// which the exception handler turns into a 500 with no data (no audit entry, no data).
/// </summary>
public sealed class AuditTrail
{
    private readonly IAuditLog _log;
    private readonly SubjectKeyer _keyer;
    private readonly TimeProvider _time;

    /// <summary>Creates the trail.</summary>
    public AuditTrail(IAuditLog log, SubjectKeyer keyer, TimeProvider time)
    {
        _log = log;
        _keyer = keyer;
        _time = time;
    }

    /// <summary>The subject key of a person's identifier, for <see cref="AuditAccess.SubjectKeys"/> and the citizen view.</summary>
    public Result<SubjectKey> SubjectKey(IdentifierKind kind, string identifier) => _keyer.For(kind, identifier);

    /// <summary>Appends the access for the calling client now; see the class remarks.</summary>
    public Task<AuditReceipt> RecordAsync(HttpContext http, CallerContext caller, AuditAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(access);
        return _log.AppendAsync(new AuditEntry
        {
            Time = _time.GetUtcNow(),
            ClientId = caller.ClientId,
            OrganisationId = caller.OrganisationId,
            AgreementId = access.AgreementId,
            Purpose = access.Purpose,
            Action = access.Action,
            DatasetId = access.DatasetId,
            Fields = access.Fields,
            Outcome = access.Outcome,
            ReasonCode = access.ReasonCode,
            SubjectKeys = access.SubjectKeys,
            TraceId = TraceIds.Of(http),
        }, cancellationToken);
    }
}

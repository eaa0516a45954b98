using Concordat.Core.Audit;

namespace Concordat.Core.Exchange;

/// <summary>The audit entry every exchange request starts from, and the refusal that appends it as a denial.</summary>
internal static class ExchangeAudit
{
    /// <summary>A permitted-so-far entry for <paramref name="action"/>; the caller adds agreement, fields and subjects as it learns them.</summary>
    public static AuditEntry Entry(ExchangeCaller caller, ExchangeScope scope, string action, IReadOnlyList<string> fields, DateTimeOffset time) => new()
    {
        Time = time,
        ClientId = caller.ClientId,
        OrganisationId = caller.OrganisationId,
        AgreementId = null,
        Purpose = Purpose(scope.Purpose),
        Action = action,
        DatasetId = scope.DatasetId,
        Fields = fields,
        Outcome = AuditOutcome.Permitted,
        TraceId = caller.TraceId,
    };

    /// <summary>
    /// The purpose as the audit entry records it: a known purpose code as it is, empty when none was given, and
    /// <see cref="AuditEntry.Withheld"/> for anything else, so free text sent as a purpose never reaches the log.
    /// </summary>
    public static string Purpose(string? stated) =>
        string.IsNullOrEmpty(stated) ? string.Empty : Governance.PurposeCodes.IsKnown(stated) ? stated : AuditEntry.Withheld;

    /// <summary>Appends <paramref name="entry"/> as denied with the error's code, then gives the error back to return.</summary>
    /// <exception cref="AuditLogException">The refusal could not be audited.</exception>
    public static async Task<Error> RefuseAsync(IAuditLog audit, ExchangeCaller caller, AuditEntry entry, Error error, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(Sealed(caller, entry with { Outcome = AuditOutcome.Denied, ReasonCode = error.Code }, ExchangeAnswer.Refused(error)), cancellationToken);
        return error;
    }

    /// <summary>
    /// <paramref name="entry"/> with the evidence of a forwarded exchange when the caller carries a seal (which signs
    /// <paramref name="answer"/> now, before the entry is appended); otherwise the entry as it is.
    /// </summary>
    public static AuditEntry Sealed(ExchangeCaller caller, AuditEntry entry, ExchangeAnswer answer) =>
        caller.Seal is { } seal ? entry with { Evidence = seal.Seal(answer) } : entry;
}

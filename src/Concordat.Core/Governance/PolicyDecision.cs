namespace Concordat.Core.Governance;

/// <summary>The policy engine's answer: permit with obligations, or deny with a reason. Immutable.</summary>
public sealed class PolicyDecision
{
    private PolicyDecision(Obligations? obligations, DenyReason? reason, string? message)
    {
        Obligations = obligations;
        Reason = reason;
        Message = message;
    }

    /// <summary>True when the request is permitted; then <see cref="Obligations"/> is set.</summary>
    public bool IsPermitted => Obligations is not null;

    /// <summary>What the caller must do; null on deny.</summary>
    public Obligations? Obligations { get; }

    /// <summary>Why the request was refused; null on permit.</summary>
    public DenyReason? Reason { get; }

    /// <summary>A sentence for the consumer explaining a denial; contains no record data.</summary>
    public string? Message { get; }

    /// <summary>The stable wire code of the denial, e.g. <c>agreement.expired</c>; null on permit.</summary>
    public string? ReasonCode => Reason is { } reason ? CodeOf(reason) : null;

    /// <summary>A permit.</summary>
    public static PolicyDecision Permit(Obligations obligations)
    {
        ArgumentNullException.ThrowIfNull(obligations);
        return new PolicyDecision(obligations, null, null);
    }

    /// <summary>A denial.</summary>
    public static PolicyDecision Deny(DenyReason reason, string message) => new(null, reason, message);

    /// <summary>The wire code of a deny reason.</summary>
    public static string CodeOf(DenyReason reason) => reason switch
    {
        DenyReason.NoAgreement => "policy.no_agreement",
        DenyReason.AgreementNotApproved => "policy.agreement_not_approved",
        DenyReason.AgreementNotYetActive => "policy.agreement_not_yet_active",
        DenyReason.AgreementExpired => "policy.agreement_expired",
        DenyReason.AgreementSuspended => "policy.agreement_suspended",
        DenyReason.AgreementRevoked => "policy.agreement_revoked",
        DenyReason.NotConsumer => "policy.not_consumer",
        DenyReason.DatasetNotCovered => "policy.dataset_not_covered",
        DenyReason.FieldNotPermitted => "policy.field_not_permitted",
        DenyReason.PurposeMismatch => "policy.purpose_mismatch",
        DenyReason.ConsentNotGiven => "policy.consent_not_given",
        DenyReason.ConsentWithdrawn => "policy.consent_withdrawn",
        DenyReason.InvalidRequest => "policy.invalid_request",
        DenyReason.UnknownPurpose => "policy.unknown_purpose",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}

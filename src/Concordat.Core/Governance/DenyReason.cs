namespace Concordat.Core.Governance;

/// <summary>Why the policy engine refused a request. Wire codes are <see cref="PolicyDecision.ReasonCode"/>.</summary>
public enum DenyReason
{
    /// <summary>No agreement was named or found.</summary>
    NoAgreement,
    /// <summary>The agreement is a draft, submitted or awaiting approvals.</summary>
    AgreementNotApproved,
    /// <summary>The agreement is approved but its start date has not come.</summary>
    AgreementNotYetActive,
    /// <summary>The agreement has reached its end date.</summary>
    AgreementExpired,
    /// <summary>The provider suspended the agreement.</summary>
    AgreementSuspended,
    /// <summary>The provider revoked the agreement.</summary>
    AgreementRevoked,
    /// <summary>The client does not act for the agreement's consumer organisation.</summary>
    NotConsumer,
    /// <summary>The agreement does not cover the dataset.</summary>
    DatasetNotCovered,
    /// <summary>A requested field is not shared by the agreement.</summary>
    FieldNotPermitted,
    /// <summary>The stated purpose is not the agreement's purpose.</summary>
    PurposeMismatch,
    /// <summary>The lawful basis is consent and the person has not given it.</summary>
    ConsentNotGiven,
    /// <summary>The lawful basis is consent and the person has withdrawn it.</summary>
    ConsentWithdrawn,
    /// <summary>The request itself is malformed (no client, no dataset, a blank field name).</summary>
    InvalidRequest,
    /// <summary>The stated purpose is not one of the hub's purpose codes (<see cref="PurposeCodes"/>).</summary>
    UnknownPurpose,
}

namespace Concordat.Core.Governance;

/// <summary>What a change to an agreement did; one history entry per change.</summary>
public enum AgreementAction
{
    /// <summary>First drafted.</summary>
    Drafted,
    /// <summary>Terms changed; a new version.</summary>
    Amended,
    /// <summary>Submitted for approval.</summary>
    Submitted,
    /// <summary>Approved in one role (steward or data protection officer).</summary>
    Approved,
    /// <summary>Its start date came.</summary>
    Activated,
    /// <summary>Suspended by the provider.</summary>
    Suspended,
    /// <summary>Resumed by the provider after a suspension.</summary>
    Resumed,
    /// <summary>Revoked by the provider.</summary>
    Revoked,
    /// <summary>Its end date came.</summary>
    Expired,
    /// <summary>Its pseudonymisation key was created or rotated.</summary>
    KeyRotated,
    /// <summary>The provider resolved pseudonyms back to identities under the logged procedure.</summary>
    Reidentified,
    /// <summary>Sent back to draft by the provider's steward or data protection officer, with a reason; approvals cleared.</summary>
    Rejected,
}

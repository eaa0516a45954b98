namespace Concordat.Core.Governance;

/// <summary>Where an agreement is in its lifecycle. Only <see cref="Active"/> permits access.</summary>
public enum AgreementStatus
{
    /// <summary>Being written; editable by its drafter's organisation.</summary>
    Draft,
    /// <summary>Submitted for approval by the provider's steward and data protection officer.</summary>
    Submitted,
    /// <summary>Approved by both; becomes active on its start date.</summary>
    Approved,
    /// <summary>Approved and between its start date and its end date: the only state that permits access.</summary>
    Active,
    /// <summary>Paused by the provider; may be resumed.</summary>
    Suspended,
    /// <summary>Ended by the provider; final.</summary>
    Revoked,
    /// <summary>Reached its end date; final.</summary>
    Expired,
}

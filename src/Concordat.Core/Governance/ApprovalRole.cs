namespace Concordat.Core.Governance;

/// <summary>The two approvals an agreement needs from its provider organisation.</summary>
public enum ApprovalRole
{
    /// <summary>The provider's data steward approves the data scope: datasets, fields, filters, mode.</summary>
    Steward,
    /// <summary>The provider's data protection officer approves lawfulness: basis, condition, gateway, DPIA, retention.</summary>
    Dpo,
}

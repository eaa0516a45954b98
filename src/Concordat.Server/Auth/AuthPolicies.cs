namespace Concordat.Server.Auth;

/// <summary>Names of the authorization policies endpoints require.</summary>
public static class AuthPolicies
{
    /// <summary>Hub administrators only.</summary>
    public const string Admin = "admin";

    /// <summary>Stewards (of some organisation) and administrators; endpoints narrow this to the owning organisation.</summary>
    public const string Steward = "steward";

    /// <summary>Any client holding at least one role: consumers, stewards, data protection officers and administrators.</summary>
    public const string Consumer = "consumer";

    /// <summary>
    /// Asks for data under an agreement (the exchange routes): only clients holding the <c>consumer</c> role. A steward,
    /// data protection officer or administrator makes consumer requests only when its client also holds that role.
    /// </summary>
    public const string Exchange = "exchange";

    /// <summary>Stewards and data protection officers: approve, suspend, resume and revoke their organisation's agreements.</summary>
    public const string AgreementOfficer = "agreement-officer";

    /// <summary>Reads the audit log: an admin, or a data protection officer (who reads the audit, DESIGN.md).</summary>
    public const string AuditReader = "audit-reader";
}

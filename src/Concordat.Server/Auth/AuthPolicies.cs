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

    /// <summary>Stewards and data protection officers: approve, suspend, resume and revoke their organisation's agreements.</summary>
    public const string AgreementOfficer = "agreement-officer";
}

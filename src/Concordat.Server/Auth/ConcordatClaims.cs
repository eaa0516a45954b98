namespace Concordat.Server.Auth;

/// <summary>Claim names and fixed values of Concordat access tokens (RFC 9068 JWT profile).</summary>
public static class ConcordatClaims
{
    /// <summary>The only audience the hub's API accepts.</summary>
    public const string Audience = "concordat-api";

    /// <summary>The JOSE <c>typ</c> of an access token (RFC 9068 section 2.1).</summary>
    public const string TokenType = "at+jwt";

    /// <summary>Subject: the client id.</summary>
    public const string Subject = "sub";

    /// <summary>The client id (RFC 9068 section 2.2).</summary>
    public const string ClientId = "client_id";

    /// <summary>The organisation the client acts for.</summary>
    public const string Organisation = "org";

    /// <summary>Granted roles, one claim per role: <c>admin</c>, <c>steward</c>, <c>consumer</c>, <c>dpo</c>.</summary>
    public const string Roles = "roles";

    /// <summary>Granted scope, space separated (the role names).</summary>
    public const string Scope = "scope";

    /// <summary>Unique token id.</summary>
    public const string TokenId = "jti";
}

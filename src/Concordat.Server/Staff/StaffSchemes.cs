namespace Concordat.Server.Staff;

/// <summary>Authentication scheme, policy and claim names of staff sign-in, kept apart from citizens and API tokens.</summary>
public static class StaffSchemes
{
    /// <summary>The staff session cookie.</summary>
    public const string Cookie = "StaffCookie";

    /// <summary>The OpenID Connect relying party that signs staff in.</summary>
    public const string OpenIdConnect = "StaffOidc";

    /// <summary>The policy of every staff page: a staff session with an organisation and at least one role.</summary>
    public const string Policy = "staff";

    /// <summary>Where the provider sends the member back to.</summary>
    public const string CallbackPath = "/staff/signin-oidc";

    /// <summary>The session claim holding when the member signed in (Unix seconds), for <see cref="StaffOptions.MaxSessionLength"/>.</summary>
    public const string SignedInAtClaim = "concordat:signed_in_at";

    /// <summary>The prefix of a member's subject in the hub (history and audit entries), so it never collides with an API client id.</summary>
    public const string SubjectPrefix = "staff:";
}

namespace Concordat.Server.Citizen;

/// <summary>Authentication scheme and policy names of the citizen sign-in, kept apart from the API's bearer tokens.</summary>
public static class CitizenSchemes
{
    /// <summary>The citizen's session cookie.</summary>
    public const string Cookie = "CitizenCookie";

    /// <summary>The OpenID Connect relying party that signs citizens in.</summary>
    public const string OpenIdConnect = "CitizenOidc";

    /// <summary>The policy of every citizen page: a citizen session with a National Insurance number.</summary>
    public const string Policy = "citizen";

    /// <summary>The claim, in the hub's own session cookie, that holds the citizen's normalised NINO.</summary>
    public const string NinoClaim = "concordat:nino";

    /// <summary>Where the provider sends the citizen back to.</summary>
    public const string CallbackPath = "/citizen/signin-oidc";
}

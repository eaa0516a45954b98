namespace Concordat.Server.Staff;

/// <summary>
/// How the people who run the sharing (stewards, data protection officers, administrators) sign in to the portal,
/// bound from <c>Concordat:Staff</c>. The hub is an OpenID Connect relying party: with <see cref="Authority"/> unset
/// and <see cref="DemoProvider"/> on, staff sign in through the hub's own demo provider; in production set
/// <see cref="Authority"/> to the department's provider (for example Microsoft Entra ID), whose ID tokens say which
/// organisation the person works for and which roles they hold.
/// </summary>
public sealed class StaffOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Concordat:Staff";

    /// <summary>The OpenID provider's issuer; its discovery document is read from <c>.well-known/openid-configuration</c>.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The hub's client id at the provider.</summary>
    public string ClientId { get; set; } = "concordat-staff";

    /// <summary>A client secret, when the provider uses client_secret_post; never put it in appsettings.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// How the hub authenticates to the provider's token endpoint: <c>none</c> (PKCE only), <c>client_secret_post</c>
    /// (with <see cref="ClientSecret"/>) or <c>private_key_jwt</c> (an ES256 client assertion; the public key is at
    /// <c>/staff/jwks.json</c>).
    /// </summary>
    public string ClientAuthentication { get; set; } = "none";

    /// <summary>Scopes to ask for, space separated; must include <c>openid</c>.</summary>
    public string Scopes { get; set; } = "openid";

    /// <summary>Extra authorization request parameters the provider needs (for example <c>domain_hint</c>).</summary>
    public Dictionary<string, string> AuthorizationParameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether to read claims from the provider's user info endpoint as well as the ID token.</summary>
    public bool UseUserInfo { get; set; }

    /// <summary>The claim that names the person's organisation (a Concordat organisation id).</summary>
    public string OrganisationClaim { get; set; } = "org";

    /// <summary>
    /// The organisation every member signs in for, when the provider is one department's own and its tokens carry no
    /// organisation claim. When set, an organisation claim that names another organisation refuses the sign-in.
    /// </summary>
    public string? Organisation { get; set; }

    /// <summary>The claim (one value per role, or an array) that carries the person's roles.</summary>
    public string RolesClaim { get; set; } = "roles";

    /// <summary>
    /// Maps the provider's role values to Concordat's (<c>steward</c>, <c>dpo</c>, <c>admin</c>), for example
    /// <c>"Concordat.Steward": "steward"</c> for Entra ID app roles. Values not mapped are used as they are; unknown
    /// roles are ignored.
    /// </summary>
    public Dictionary<string, string> RoleValues { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The only organisation whose members may hold the administrator role (an administrator sees every organisation's
    /// agreements and the linkage across them); an <c>admin</c> role claimed for any other organisation is ignored.
    /// </summary>
    public string AdministratorOrganisation { get; set; } = "concordat-hub";

    /// <summary>Whether the built-in demo provider serves staff identities; when unset, on exactly when demo data is seeded.</summary>
    public bool? DemoProvider { get; set; }

    /// <summary>How long a signed-in member stays signed in without activity (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>The longest a session lasts from sign-in, however active; then the member signs in again.</summary>
    public TimeSpan MaxSessionLength { get; set; } = TimeSpan.FromHours(8);
}

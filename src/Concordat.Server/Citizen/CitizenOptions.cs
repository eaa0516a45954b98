namespace Concordat.Server.Citizen;

/// <summary>
/// How citizens sign in, bound from <c>Concordat:Citizen</c>. The hub is an OpenID Connect relying party: with
/// <see cref="Authority"/> unset and <see cref="DemoProvider"/> on, it signs citizens in through its own demo
/// provider; set <see cref="Authority"/> (for example GOV.UK One Login) and the demo provider is not used.
/// </summary>
public sealed class CitizenOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Concordat:Citizen";

    /// <summary>The OpenID provider's issuer; its discovery document is read from <c>.well-known/openid-configuration</c>.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The hub's client id at the provider.</summary>
    public string ClientId { get; set; } = "concordat-citizen";

    /// <summary>A client secret, when the provider uses client_secret_post; never put it in appsettings.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// How the hub authenticates to the provider's token endpoint: <c>none</c> (a public client; PKCE only),
    /// <c>client_secret_post</c> (with <see cref="ClientSecret"/>) or <c>private_key_jwt</c> (a signed ES256 client
    /// assertion; the public key is published at <c>/citizen/jwks.json</c> to register with the provider).
    /// </summary>
    public string ClientAuthentication { get; set; } = "none";

    /// <summary>Extra authorization request parameters the provider needs, for example One Login's <c>vtr</c>.</summary>
    public Dictionary<string, string> AuthorizationParameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Scopes to ask for, space separated; must include <c>openid</c>.</summary>
    public string Scopes { get; set; } = "openid";

    /// <summary>The ID token or user info claim that carries the citizen's National Insurance number.</summary>
    public string NinoClaim { get; set; } = "nino";

    /// <summary>Whether to read claims from the provider's user info endpoint as well as the ID token.</summary>
    public bool UseUserInfo { get; set; }

    /// <summary>Whether the built-in demo provider is served; when unset, on exactly when demo data is seeded.</summary>
    public bool? DemoProvider { get; set; }

    /// <summary>Whether the demo citizens' records are seeded into the demo datasets on start (when absent).</summary>
    public bool SeedDemoRecords { get; set; } = true;

    /// <summary>How long a citizen stays signed in without activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);
}

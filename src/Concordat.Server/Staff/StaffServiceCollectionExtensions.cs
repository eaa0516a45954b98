using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Concordat.Core.Catalogue;
using Concordat.Core.Keys;
using Concordat.Server.Auth;
using Concordat.Server.Citizen.DemoIdentity;
using Concordat.Server.Portal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Staff;

/// <summary>
/// Registers staff sign-in: a cookie scheme of its own, the OpenID Connect relying party that fills it and the staff
/// policy. The session carries the same claims an API token does (<c>sub</c>, <c>org</c>, <c>roles</c>), so every
/// staff page decides access with the same <see cref="CallerContext"/> and the same Core rules as the API. The API's
/// bearer scheme and its deny-by-default fallback policy are untouched: a staff cookie opens staff pages and nothing
/// else, and an API token or a citizen cookie opens no staff page.
/// </summary>
internal static class StaffServiceCollectionExtensions
{
    private static readonly string[] StaffRoles = [RoleNames.Steward, RoleNames.Dpo, RoleNames.Admin];

    public static IServiceCollection AddConcordatStaff(this IServiceCollection services)
    {
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId), "Concordat:Staff:ClientId is required.")
            .Validate(o => o.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal), "Concordat:Staff:Scopes must include openid.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.RolesClaim), "Concordat:Staff:RolesClaim is required.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.OrganisationClaim) || !string.IsNullOrWhiteSpace(o.Organisation), "Concordat:Staff needs OrganisationClaim or Organisation.")
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.MaxSessionLength >= o.IdleTimeout, "Concordat:Staff:IdleTimeout must be positive and no longer than MaxSessionLength.")
            .Validate(o => o.ClientAuthentication is "none" or "private_key_jwt" || (o.ClientAuthentication == "client_secret_post" && !string.IsNullOrEmpty(o.ClientSecret)), "Concordat:Staff:ClientAuthentication must be none, private_key_jwt, or client_secret_post with a ClientSecret.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConcordatOptions>>().Value;
            return new StaffClientKey(DemoIdentityKey.LoadOrCreate(options.KeysDirectoryPath, sp.GetRequiredService<KeySealer>(), StaffClientKey.FileName, StaffClientKey.Purpose));
        });

        services.AddAuthentication()
            .AddCookie(StaffSchemes.Cookie, options =>
            {
                options.Cookie.Name = "concordat-staff";
                options.Cookie.Path = "/staff";
                options.Cookie.HttpOnly = true;
                // Lax, not Strict: the session is set at the end of the provider's redirect back, which a browser counts
                // as a cross-site navigation. Every form also carries an anti-forgery token.
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ForwardChallenge = StaffSchemes.OpenIdConnect;
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
                options.Events.OnRedirectToAccessDenied = context => PortalResults.NoAccess("You do not have access to this page.").ExecuteAsync(context.HttpContext);
            })
            .AddOpenIdConnect(StaffSchemes.OpenIdConnect, _ => { });
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ConfigureStaffOidc>();
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, ConfigureStaffCookie>();
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffSchemes.Policy, new AuthorizationPolicyBuilder(StaffSchemes.Cookie)
                .RequireAuthenticatedUser()
                .RequireClaim(ConcordatClaims.Organisation)
                .RequireClaim(ConcordatClaims.Roles, StaffRoles)
                .Build());
        return services;
    }

    /// <summary>Whether the demo provider serves staff identities: as configured, or else exactly when demo data is seeded.</summary>
    public static bool DemoProviderOn(StaffOptions staff, ConcordatOptions hub)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(hub);
        return staff.Authority is null && (staff.DemoProvider ?? hub.SeedDemo);
    }

    /// <summary>
    /// Turns the provider's claims into the hub's session: the subject (prefixed, so it cannot pass for an API client),
    /// the name, the organisation, which must be registered, and the roles Concordat knows. A person with no staff role,
    /// or an organisation the hub does not know, is not signed in.
    /// </summary>
    internal static async Task OnTokenValidatedAsync(TokenValidatedContext context, StaffOptions options)
    {
        var services = context.HttpContext.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Staff");
        var principal = context.Principal!;
        var subject = principal.FindFirst("sub")?.Value;
        var organisation = Organisation(principal, options, out var problem);
        if (string.IsNullOrEmpty(subject) || subject.Length > 200 || organisation is null)
        {
            StaffLog.Refused(logger, problem ?? "no subject");
            context.Fail("The provider did not say who the person is or which organisation they work for.");
            return;
        }

        if (await services.GetRequiredService<ICatalogueStore>().GetOrganisationAsync(organisation, context.HttpContext.RequestAborted) is null)
        {
            StaffLog.Refused(logger, "organisation not registered");
            context.Fail("The person's organisation is not registered with this hub.");
            return;
        }

        var roles = Roles(principal, options, organisation);
        if (roles.Count == 0)
        {
            StaffLog.Refused(logger, "no staff role");
            context.Fail("The person holds no Concordat staff role.");
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var claims = new List<Claim>
        {
            new(ConcordatClaims.Subject, StaffSchemes.SubjectPrefix + subject),
            new(ConcordatClaims.Organisation, organisation),
            new(StaffSchemes.SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (principal.FindFirst("name")?.Value is { Length: > 0 and <= 200 } name)
        {
            claims.Add(new Claim("name", name));
        }

        claims.AddRange(roles.Select(r => new Claim(ConcordatClaims.Roles, r)));
        var granted = string.Join(',', roles);
        StaffLog.SignedIn(logger, organisation, granted);
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, StaffSchemes.OpenIdConnect, "name", ConcordatClaims.Roles));
    }

    /// <summary>Answers a failed sign-in (bad state, bad code, unknown organisation, no role) with a page, not an exception.</summary>
    internal static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Staff");
        StaffLog.SignInFailed(logger, context.Failure?.GetType().Name ?? "unknown");
        context.HandleResponse();
        await PortalResults.SignInFailed().ExecuteAsync(context.HttpContext);
    }

    // Signs out a session that has lasted longer than MaxSessionLength since sign-in, however active it has been.
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<StaffOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var signedIn = context.Principal?.FindFirst(StaffSchemes.SignedInAtClaim)?.Value;
        if (!long.TryParse(signedIn, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || now - DateTimeOffset.FromUnixTimeSeconds(seconds) >= options.MaxSessionLength)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(StaffSchemes.Cookie);
        }
    }

    private static string? Organisation(ClaimsPrincipal principal, StaffOptions options, out string? problem)
    {
        problem = null;
        var claimed = string.IsNullOrWhiteSpace(options.OrganisationClaim) ? null : principal.FindFirst(options.OrganisationClaim)?.Value;
        if (options.Organisation is { Length: > 0 } fixedOrganisation)
        {
            if (claimed is not null && !string.Equals(claimed, fixedOrganisation, StringComparison.Ordinal))
            {
                problem = "organisation claim names another organisation";
                return null;
            }

            return fixedOrganisation;
        }

        if (claimed is null || !SchemaRules.IsValidSlug(claimed))
        {
            problem = "no organisation claim";
            return null;
        }

        return claimed;
    }

    private static List<string> Roles(ClaimsPrincipal principal, StaffOptions options, string organisation)
    {
        var values = new List<string>();
        foreach (var claim in principal.FindAll(options.RolesClaim))
        {
            // A provider may send one claim per role or a JSON array in one claim.
            if (claim.Value.StartsWith('['))
            {
                try
                {
                    values.AddRange(JsonSerializer.Deserialize<string[]>(claim.Value) ?? []);
                }
                catch (JsonException)
                {
                    // Not an array after all: nothing to add.
                }
            }
            else
            {
                values.Add(claim.Value);
            }
        }

        return values
            .Select(v => options.RoleValues.TryGetValue(v, out var mapped) ? mapped : v)
            .Where(r => StaffRoles.Contains(r, StringComparer.Ordinal))
            .Where(r => r != RoleNames.Admin || string.Equals(organisation, options.AdministratorOrganisation, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}

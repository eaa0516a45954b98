using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Concordat.Core.Keys;
using Concordat.Server.Citizen.DemoIdentity;
using Concordat.Server.Portal.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Concordat.Server.Citizen;

/// <summary>
/// Registers citizen sign-in: a cookie scheme of its own, the OpenID Connect relying party that fills it, the
/// citizen policy, the citizen view and, when on, the demo provider. The API's default (bearer) scheme and its
/// deny-by-default fallback policy are untouched: a citizen cookie opens citizen pages and nothing else.
/// </summary>
internal static class CitizenServiceCollectionExtensions
{
    public static IServiceCollection AddConcordatCitizen(this IServiceCollection services)
    {
        services.AddOptions<CitizenOptions>().BindConfiguration(CitizenOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId), "Concordat:Citizen:ClientId is required.")
            .Validate(o => o.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal), "Concordat:Citizen:Scopes must include openid.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.NinoClaim), "Concordat:Citizen:NinoClaim is required.")
            .Validate(o => o.SessionLifetime > TimeSpan.Zero, "Concordat:Citizen:SessionLifetime must be positive.")
            .Validate(o => o.ClientAuthentication is "none" or "private_key_jwt" || (o.ClientAuthentication == "client_secret_post" && !string.IsNullOrEmpty(o.ClientSecret)), "Concordat:Citizen:ClientAuthentication must be none, private_key_jwt, or client_secret_post with a ClientSecret.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "concordat-antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton<CitizenView>();
        services.AddSingleton<DemoAuthorizationCodes>();
        services.AddSingleton<DemoCitizenSeeder>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConcordatOptions>>().Value;
            return new DemoIdentitySigningKey(DemoIdentityKey.LoadOrCreate(options.KeysDirectoryPath, sp.GetRequiredService<KeySealer>()));
        });
        services.AddSingleton<DemoIdentityConfiguration>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConcordatOptions>>().Value;
            return new CitizenClientKey(DemoIdentityKey.LoadOrCreate(options.KeysDirectoryPath, sp.GetRequiredService<KeySealer>(), CitizenClientKey.FileName, CitizenClientKey.Purpose));
        });

        services.AddAuthentication()
            .AddCookie(CitizenSchemes.Cookie, options =>
            {
                options.Cookie.Name = "concordat-citizen";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                // An unauthenticated visit to a citizen page goes straight to the provider and back.
                options.ForwardChallenge = CitizenSchemes.OpenIdConnect;
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(CitizenSchemes.OpenIdConnect, _ => { });
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ConfigureCitizenOidc>();
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, ConfigureCitizenCookie>();
        services.AddAuthorizationBuilder()
            .AddPolicy(CitizenSchemes.Policy, new AuthorizationPolicyBuilder(CitizenSchemes.Cookie)
                .RequireAuthenticatedUser()
                .RequireClaim(CitizenSchemes.NinoClaim)
                .Build());
        return services;
    }

    /// <summary>Whether the demo provider is served: as configured, or else exactly when demo data is seeded.</summary>
    public static bool DemoProviderOn(CitizenOptions citizen, ConcordatOptions hub)
    {
        ArgumentNullException.ThrowIfNull(citizen);
        ArgumentNullException.ThrowIfNull(hub);
        return citizen.DemoProvider ?? hub.SeedDemo;
    }

    /// <summary>Turns the provider's claims into the hub's session: the subject, the name and the normalised NINO only.</summary>
    internal static Task OnTokenValidatedAsync(TokenValidatedContext context, CitizenOptions options)
    {
        var principal = context.Principal!;
        var nino = CitizenEndpoints.NormaliseNino(principal.FindFirst(options.NinoClaim)?.Value);
        if (nino is null)
        {
            CitizenLog.NoNino(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Citizen"), options.NinoClaim);
            context.Fail("The provider did not give a valid National Insurance number.");
            return Task.CompletedTask;
        }

        var claims = new List<Claim> { new("sub", principal.FindFirst("sub")?.Value ?? ""), new(CitizenSchemes.NinoClaim, nino) };
        if (principal.FindFirst("name")?.Value is { } name)
        {
            claims.Add(new Claim("name", name));
        }

        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CitizenSchemes.OpenIdConnect, "name", "role"));
        return Task.CompletedTask;
    }

    /// <summary>Answers a failed sign-in (bad state, bad code, no NINO) with a page, not an exception.</summary>
    internal static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        CitizenLog.SignInFailed(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Citizen"), context.Failure?.GetType().Name ?? "unknown");
        context.HandleResponse();
        await new RazorComponentResult<SignInFailedPage>() { StatusCode = StatusCodes.Status400BadRequest }.ExecuteAsync(context.HttpContext);
    }
}

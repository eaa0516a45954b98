using Concordat.Server.Portal;
using Concordat.Server.Portal.Staff.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Server.Staff;

/// <summary>
/// Staff sign-in's own endpoints: signing out (a form post with an anti-forgery token, which ends the hub's session),
/// the signed-out page, and the public key of the relying party's <c>private_key_jwt</c> client assertions.
/// Signing in needs no endpoint: any staff page challenges to the provider, and its answer comes back to
/// <see cref="StaffSchemes.CallbackPath"/>.
/// </summary>
internal static class StaffEndpoints
{
    public static RouteGroupBuilder MapStaffSignOut(this RouteGroupBuilder staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        staff.MapPost("/sign-out", (Func<HttpContext, Task<IResult>>)SignOutAsync);
        return staff;
    }

    public static IEndpointRouteBuilder MapStaffPublicEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var open = endpoints.MapGroup("/staff").AllowAnonymous().ExcludeFromDescription();
        open.MapGet("/signed-out", () => new RazorComponentResult<StaffSignedOutPage>());
        open.MapGet("/jwks.json", (StaffClientKey key) =>
            Results.Content(new System.Text.Json.Nodes.JsonObject { ["keys"] = new System.Text.Json.Nodes.JsonArray(key.Key.PublicJwk()) }.ToJsonString(), "application/json; charset=utf-8"));
        return endpoints;
    }

    /// <summary>
    /// Checks the anti-forgery token of every form posted to a staff page before its handler runs: a forged or expired
    /// form changes nothing and gets the "form could not be sent" page.
    /// </summary>
    public static async ValueTask<object?> ValidateFormAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Staff");
                StaffLog.FormRefused(logger);
                return PortalResults.FormExpired();
            }
        }

        return await next(context);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(StaffSchemes.Cookie);
        return Results.Redirect("/staff/signed-out");
    }
}

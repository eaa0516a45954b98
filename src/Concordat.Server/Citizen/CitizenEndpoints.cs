using Concordat.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Standards;
using Concordat.Server.Hosting;
using Concordat.Server.Portal.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Concordat.Server.Citizen;

/// <summary>
/// The citizen's own pages, signed in through OpenID Connect with a session cookie of their own (never an API
/// token): <c>/my-data</c> lists every access to their data, <c>/my-data/export.json</c> is their subject access
/// export, and <c>POST /citizen/sign-out</c> ends the session. The citizen is identified only by the NINO in their
/// signed session, so no request can name another person.
/// </summary>
internal static class CitizenEndpoints
{
    public const int PageSize = 20;

    public static IEndpointRouteBuilder MapCitizenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var citizen = endpoints.MapGroup("").RequireAuthorization(CitizenSchemes.Policy).ExcludeFromDescription();
        citizen.MapGet("/my-data", MyDataAsync);
        citizen.MapGet("/my-data/export.json", ExportAsync);
        // Signing out needs the session it ends: the anti-forgery token is bound to the signed-in citizen.
        citizen.MapPost("/citizen/sign-out", SignOutAsync);
        var open = endpoints.MapGroup("/citizen").AllowAnonymous().ExcludeFromDescription();
        open.MapGet("/signed-out", () => new RazorComponentResult<SignedOutPage>());
        open.MapGet("/jwks.json", (CitizenClientKey key) =>
            Results.Content(new System.Text.Json.Nodes.JsonObject { ["keys"] = new System.Text.Json.Nodes.JsonArray(key.Key.PublicJwk()) }.ToJsonString(), "application/json; charset=utf-8"));
        return endpoints;
    }

    /// <summary>The signed-in citizen's normalised NINO; the policy guarantees the claim.</summary>
    public static string NinoOf(HttpContext http) => http.User.FindFirst(CitizenSchemes.NinoClaim)!.Value;

    private static async Task<IResult> MyDataAsync(HttpContext http, string? after, CitizenView view, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        var cursor = -1L;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out cursor)))
        {
            cursor = -1;
        }

        var accesses = await view.AccessesAsync(NinoOf(http), cursor, PageSize + 1, cancellationToken);
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new RazorComponentResult<MyDataPage>(new Dictionary<string, object?>
        {
            [nameof(MyDataPage.Name)] = http.User.FindFirst("name")?.Value,
            [nameof(MyDataPage.Accesses)] = accesses.Take(PageSize).ToList(),
            [nameof(MyDataPage.NextAfter)] = accesses.Count > PageSize ? accesses[PageSize - 1].Index : null,
            [nameof(MyDataPage.FirstPage)] = cursor < 0,
            [nameof(MyDataPage.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(MyDataPage.AntiforgeryToken)] = tokens.RequestToken,
        });
    }

    private static async Task<IResult> ExportAsync(HttpContext http, CitizenView view, CancellationToken cancellationToken)
    {
        var export = await view.ExportAsync(NinoOf(http), TraceIds.Of(http), cancellationToken);
        http.Response.Headers.ContentDisposition = "attachment; filename=\"my-data.json\"";
        return Results.Content(export.ToJsonString(ConcordatJson.Options), "application/json; charset=utf-8");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.BadRequest();
        }

        await http.SignOutAsync(CitizenSchemes.Cookie);
        return Results.Redirect("/citizen/signed-out");
    }

    /// <summary>Normalises a NINO claim; null when the claim is absent or not a valid NINO.</summary>
    public static string? NormaliseNino(string? claim) =>
        claim is not null && IdentifierStandard.TryNormalise(IdentifierKind.Nino, claim, out var nino, out _) ? nino : null;
}

using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Api.Catalogue;
using Concordat.Server.Federation;
using Concordat.Server.Hosting;

namespace Concordat.Server.Api.Register;

/// <summary>
/// <c>/api/v1/register</c>: the public register of data sharing agreements, no sign-in. Lists agreements once
/// approved (upcoming, active, suspended, revoked and expired); drafts and agreements awaiting approval are not
/// published. Each agreement's policy is also available as W3C ODRL JSON-LD.
/// </summary>
public static class RegisterEndpoints
{
    /// <summary>Maps the register endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRegisterEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/register/agreements").WithTags("Register").AllowAnonymous();
        group.MapGet("", ListAsync)
            .WithName("ListRegisteredAgreements")
            .WithSummary("The public register: approved, active and past agreements, optionally of one status")
            .Produces<IReadOnlyList<RegisterEntryResponse>>();
        group.MapGet("/{id}", GetAsync)
            .WithName("GetRegisteredAgreement")
            .WithSummary("One agreement on the public register")
            .Produces<RegisterEntryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/odrl", GetOdrlAsync)
            .WithName("GetAgreementOdrl")
            .WithSummary("The agreement's policy as W3C ODRL 2.2 JSON-LD")
            .Produces(StatusCodes.Status200OK, contentType: CatalogueEndpoints.JsonLd)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/signed", GetSignedCopy)
            .WithName("GetSignedRegisterCopy")
            .WithSummary("On a federation node, another member's agreement as its node signed it, for anyone to check the signature")
            .Produces<FederatedRegisterCopyResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static readonly AgreementStatus[] PublishedStatuses =
        [AgreementStatus.Approved, AgreementStatus.Active, AgreementStatus.Suspended, AgreementStatus.Revoked, AgreementStatus.Expired];

    private static async Task<IResult> ListAsync(string? status, HttpContext http, AgreementService service, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        AgreementStatus? wanted = null;
        if (status is not null)
        {
            var parsed = PublishedStatuses.FirstOrDefault(s => string.Equals(s.ToString().ToLowerInvariant(), status, StringComparison.Ordinal), AgreementStatus.Draft);
            if (parsed == AgreementStatus.Draft)
            {
                return ApiProblems.From(Error.Validation("request.invalid_status", "status must be approved, active, suspended, revoked or expired.", "status"));
            }

            wanted = parsed;
        }

        var local = await RegisterEntries.ListAsync(service, catalogue, wanted, cancellationToken);
        // On a federation node, the other members' agreements follow this node's own, as their nodes signed them.
        var copies = http.RequestServices.FederatedRegister()?.Copies
            .Where(c => status is null || c.Status == status).ToList() ?? [];
        if (copies.Count == 0)
        {
            return TypedResults.Ok(local);
        }

        var json = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var all = new System.Text.Json.Nodes.JsonArray([.. local.Select(e => System.Text.Json.JsonSerializer.SerializeToNode(e, json)), .. copies.Select(c => c.PublicEntry())]);
        return TypedResults.Json(all, json);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, AgreementService service, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        if (http.RequestServices.FederatedRegister()?.Find(id) is { } copy)
        {
            return Results.Content(copy.PublicEntry().ToJsonString(), "application/json; charset=utf-8");
        }

        var agreement = await service.GetAsync(id, cancellationToken);
        if (agreement is null || !RegisterEntries.IsPublished(agreement))
        {
            return ApiProblems.From(NotFound(id));
        }

        return TypedResults.Ok(RegisterEntryResponse.From(await RegisterEntries.ApprovedAsync(service, agreement, cancellationToken), await RegisterEntries.NamesAsync(catalogue, cancellationToken)));
    }

    private static async Task<IResult> GetOdrlAsync(string id, HttpContext http, AgreementService service, PublicAddress address, CancellationToken cancellationToken)
    {
        if (http.RequestServices.FederatedRegister()?.Find(id) is { } copy)
        {
            return Results.Content(copy.OdrlJson, CatalogueEndpoints.JsonLd + "; charset=utf-8");
        }

        var agreement = await service.GetAsync(id, cancellationToken);
        if (agreement is null || !RegisterEntries.IsPublished(agreement))
        {
            return ApiProblems.From(NotFound(id));
        }

        var baseUri = address.Base;
        return Results.Content(OdrlPolicy.Build(await RegisterEntries.ApprovedAsync(service, agreement, cancellationToken), baseUri).ToJsonString(), CatalogueEndpoints.JsonLd + "; charset=utf-8");
    }

    private static IResult GetSignedCopy(string id, HttpContext http) =>
        http.RequestServices.FederatedRegister()?.Find(id) is { } copy
            ? TypedResults.Ok(new FederatedRegisterCopyResponse(copy.OrganisationId, copy.Certificate, copy.Message, copy.Body))
            : ApiProblems.From(Error.NotFound("agreement.not_found", $"No signed copy of '{id}' from another member on this node's register."));

    private static Error NotFound(string id) => Error.NotFound("agreement.not_found", $"No agreement '{id}' on the register.");
}

using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Api.Catalogue;
using Microsoft.Extensions.Options;

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
        return api;
    }

    private static readonly AgreementStatus[] PublishedStatuses =
        [AgreementStatus.Approved, AgreementStatus.Active, AgreementStatus.Suspended, AgreementStatus.Revoked, AgreementStatus.Expired];

    /// <summary>Whether an agreement is on the public register: once a version has both approvals, and for good.</summary>
    public static bool IsPublished(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return agreement.LastApprovedVersion is not null;
    }

    private static async Task<IResult> ListAsync(string? status, AgreementService service, ICatalogueStore catalogue, CancellationToken cancellationToken)
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

        var names = await NamesAsync(catalogue, cancellationToken);
        var entries = new List<RegisterEntryResponse>();
        foreach (var agreement in await service.ListAsync(null, cancellationToken))
        {
            if (IsPublished(agreement) && (wanted is null || agreement.Status == wanted))
            {
                entries.Add(RegisterEntryResponse.From(await ApprovedAsync(service, agreement, cancellationToken), names));
            }
        }

        return TypedResults.Ok(entries);
    }

    private static async Task<IResult> GetAsync(string id, AgreementService service, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var agreement = await service.GetAsync(id, cancellationToken);
        if (agreement is null || !IsPublished(agreement))
        {
            return ApiProblems.From(NotFound(id));
        }

        return TypedResults.Ok(RegisterEntryResponse.From(await ApprovedAsync(service, agreement, cancellationToken), await NamesAsync(catalogue, cancellationToken)));
    }

    private static async Task<IResult> GetOdrlAsync(string id, HttpContext http, AgreementService service, IOptions<ConcordatOptions> options, CancellationToken cancellationToken)
    {
        var agreement = await service.GetAsync(id, cancellationToken);
        if (agreement is null || !IsPublished(agreement))
        {
            return ApiProblems.From(NotFound(id));
        }

        var baseUri = options.Value.PublicBaseUrl ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");
        return Results.Content(OdrlPolicy.Build(await ApprovedAsync(service, agreement, cancellationToken), baseUri).ToJsonString(), CatalogueEndpoints.JsonLd + "; charset=utf-8");
    }

    // An amendment awaiting approval is not published: the register shows the last approved terms until then.
    internal static async Task<Agreement> ApprovedAsync(AgreementService service, Agreement agreement, CancellationToken cancellationToken)
    {
        if (agreement.LastApprovedVersion is not { } approved || approved == agreement.Version)
        {
            return agreement;
        }

        var terms = await service.GetVersionAsync(agreement.Id, approved, cancellationToken);
        return terms is null ? agreement : agreement with { Version = approved, Terms = terms };
    }

    private static async Task<Func<string, string>> NamesAsync(ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var organisations = (await catalogue.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        return id => organisations.GetValueOrDefault(id, id);
    }

    private static Error NotFound(string id) => Error.NotFound("agreement.not_found", $"No agreement '{id}' on the register.");
}

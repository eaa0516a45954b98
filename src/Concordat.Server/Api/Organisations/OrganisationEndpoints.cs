using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Organisations;

/// <summary><c>/api/v1/organisations</c>: the departments and bodies registered on the hub.</summary>
public static class OrganisationEndpoints
{
    /// <summary>Maps the organisation endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapOrganisationEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/organisations").WithTags("Organisations");
        group.MapGet("", ListAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("ListOrganisations")
            .WithSummary("List organisations")
            .Produces<IReadOnlyList<OrganisationResponse>>();
        group.MapGet("/{id}", GetAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("GetOrganisation")
            .WithSummary("Get an organisation")
            .Produces<OrganisationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync)
            .RequireAuthorization(AuthPolicies.Admin)
            .WithName("CreateOrganisation")
            .WithSummary("Register an organisation (admin)")
            .Produces<OrganisationResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListAsync(ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var organisations = await catalogue.ListOrganisationsAsync(cancellationToken);
        return TypedResults.Ok(organisations.Select(OrganisationResponse.From).ToList());
    }

    private static async Task<IResult> GetAsync(string id, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var organisation = await catalogue.GetOrganisationAsync(id, cancellationToken);
        return organisation is null
            ? ApiProblems.From(Error.NotFound("organisation.not_found", $"No organisation '{id}'."))
            : TypedResults.Ok(OrganisationResponse.From(organisation));
    }

    private static async Task<IResult> CreateAsync(CreateOrganisationRequest request, ICatalogueStore catalogue, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<Error>();
        RequestChecks.Slug(errors, request.Id, "id");
        RequestChecks.Required(errors, request.Name, "name", 200);
        if (request.Homepage is { } homepage && (!homepage.IsAbsoluteUri || (homepage.Scheme != Uri.UriSchemeHttps && homepage.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add(Error.Validation("request.invalid_homepage", "homepage must be an absolute http or https address.", "homepage"));
        }

        RequestChecks.Optional(errors, request.ContactEmail, "contactEmail", 254);
        if (request.ContactEmail is { } email && (email.IndexOf('@', StringComparison.Ordinal) <= 0 || email.Any(char.IsWhiteSpace)))
        {
            errors.Add(Error.Validation("request.invalid_email", "contactEmail must be an e-mail address.", "contactEmail"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.From(errors);
        }

        var organisation = new Organisation(request.Id, request.Name.Trim(), time.GetUtcNow())
        {
            Homepage = request.Homepage,
            ContactEmail = request.ContactEmail,
        };
        var created = await catalogue.CreateOrganisationAsync(organisation, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/v1/organisations/{created.Value.Id}", OrganisationResponse.From(created.Value))
            : ApiProblems.From(created.Errors);
    }
}

using System.Security.Claims;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Clients;

/// <summary><c>/api/v1/organisations/{id}/clients</c>: the OAuth2 clients an organisation holds.</summary>
public static class ClientEndpoints
{
    /// <summary>Maps the client endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapClientEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/organisations/{id}/clients").WithTags("Clients");
        group.MapGet("", ListAsync)
            .RequireAuthorization(AuthPolicies.Steward)
            .WithName("ListClients")
            .WithSummary("List an organisation's clients (admin, or a steward of the organisation); secrets are never returned")
            .Produces<IReadOnlyList<ClientResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync)
            .RequireAuthorization(AuthPolicies.Admin)
            .WithName("CreateClient")
            .WithSummary("Register a client (admin); the response carries its secret, shown once")
            .Produces<CreatedClientResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{clientId}/disable", DisableAsync)
            .RequireAuthorization(AuthPolicies.Admin)
            .WithName("DisableClient")
            .WithSummary("Disable a client (admin): it gets no more tokens, and the tokens it holds are refused from its next request")
            .Produces<ClientResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> DisableAsync(string id, string clientId, IClientStore clients, TimeProvider time, CancellationToken cancellationToken)
    {
        // A client of another organisation answers like an unknown one.
        if (await clients.GetClientAsync(clientId, cancellationToken) is not { } client || !string.Equals(client.OrganisationId, id, StringComparison.Ordinal))
        {
            return ApiProblems.From(Error.NotFound("client.not_found", "The organisation has no client with that id."));
        }

        var disabled = await clients.DisableClientAsync(clientId, time.GetUtcNow(), cancellationToken);
        return disabled.IsSuccess ? TypedResults.Ok(ClientResponse.From(disabled.Value)) : ApiProblems.From(disabled.Errors);
    }

    private static async Task<IResult> ListAsync(string id, ClaimsPrincipal user, ICatalogueStore catalogue, IClientStore clients, CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(user);
        if (!caller.CanManage(id) || await catalogue.GetOrganisationAsync(id, cancellationToken) is null)
        {
            return ApiProblems.From(Error.NotFound("organisation.not_found", $"No organisation '{id}'."));
        }

        var list = await clients.ListClientsAsync(id, cancellationToken);
        return TypedResults.Ok(list.Select(ClientResponse.From).ToList());
    }

    private static async Task<IResult> CreateAsync(string id, CreateClientRequest request, ICatalogueStore catalogue, IClientStore clients, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await catalogue.GetOrganisationAsync(id, cancellationToken) is null)
        {
            return ApiProblems.From(Error.NotFound("organisation.not_found", $"No organisation '{id}'."));
        }

        var errors = new List<Error>();
        RequestChecks.Slug(errors, request.ClientId, "clientId");
        RequestChecks.Required(errors, request.Name, "name", 200);
        var roles = ClientRole.None;
        if (request.Roles is null || request.Roles.Count == 0)
        {
            errors.Add(Error.Validation("client.no_roles", "roles must name at least one of admin, steward, consumer.", "roles"));
        }
        else
        {
            foreach (var name in request.Roles)
            {
                if (RoleNames.TryParse(name, out var role))
                {
                    roles |= role;
                }
                else
                {
                    errors.Add(Error.Validation("client.unknown_role", $"Unknown role '{name}'; use admin, steward or consumer.", "roles"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return ApiProblems.From(errors);
        }

        var (secret, hash) = ClientSecretHash.Mint();
        var client = new ApiClient(request.ClientId, id, request.Name.Trim(), roles, time.GetUtcNow());
        var created = await clients.CreateClientAsync(client, hash, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/v1/organisations/{id}/clients", new CreatedClientResponse(ClientResponse.From(created.Value), secret))
            : ApiProblems.From(created.Errors);
    }
}

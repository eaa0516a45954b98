using System.Security.Claims;
using Concordat.Core;
using Concordat.Core.Governance;
using Concordat.Server.Auth;
using Concordat.Server.Federation;

namespace Concordat.Server.Api.Agreements;

/// <summary>
/// <c>/api/v1/agreements</c>: drafting, reading and amending data sharing agreements. Parties (provider and consumer)
/// and administrators see an agreement; anyone else gets 404. Lifecycle steps are in
/// <see cref="AgreementLifecycleEndpoints"/>.
/// </summary>
public static class AgreementEndpoints
{
    /// <summary>Maps the agreement endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapAgreementEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/agreements").WithTags("Agreements");
        group.MapGet("", ListAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("ListAgreements")
            .WithSummary("List the agreements your organisation is a party to (all, for an admin)")
            .Produces<IReadOnlyList<AgreementResponse>>();
        group.MapPost("", CreateAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("DraftAgreement")
            .WithSummary("Draft an agreement (a client of the provider or the consumer)")
            .Produces<AgreementResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/purpose-codes", PurposeCodesList)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("ListPurposeCodes")
            .WithSummary("The closed list of purpose codes")
            .Produces<IReadOnlyList<PurposeCodeResponse>>();
        group.MapGet("/{id}", GetAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("GetAgreement")
            .WithSummary("Get an agreement; its status is computed from the clock")
            .Produces<AgreementResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/history", HistoryAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("GetAgreementHistory")
            .WithSummary("Every change: who, when, why, and the version it left")
            .Produces<IReadOnlyList<AgreementChange>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}/terms", AmendAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("AmendAgreement")
            .WithSummary("Replace the terms with a new version; an approved or active agreement needs approval again")
            .Produces<AgreementResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/check", CheckAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("CheckAgreementPolicy")
            .WithSummary("Ask the policy engine what the calling client may receive now (no data is returned)")
            .Produces<DecisionResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(user);
        var agreements = await service.ListAsync(caller.IsAdmin ? null : caller.OrganisationId, cancellationToken);
        return TypedResults.Ok(agreements.Select(AgreementResponse.From).ToList());
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<List<PurposeCodeResponse>> PurposeCodesList() =>
        TypedResults.Ok(PurposeCodes.All.Select(c => new PurposeCodeResponse(c.Code, c.Description)).ToList());

    private static async Task<IResult> CreateAsync(CreateAgreementRequest request, ClaimsPrincipal user, HttpContext http, AgreementService service, CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(user);
        var errors = new List<Error>();
        RequestChecks.Slug(errors, request.Id, "id");
        RequestChecks.Optional(errors, request.Reason, "reason", 2000);
        if (request.Terms is null)
        {
            errors.Add(Error.Validation("request.required", "terms is required.", "terms"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.From(errors);
        }

        // On a federation node, an agreement with another member as provider is drafted at that member's node, which
        // validates it against its own catalogue, holds it and has it approved by its own steward and DPO.
        var forwarder = http.RequestServices.ExchangeForwarder();
        if (forwarder?.AgreementProvider(request.Terms!.ProviderOrganisationId) is { } provider)
        {
            if (caller.OrganisationId != forwarder.OrganisationId || request.Terms.ConsumerOrganisationId != forwarder.OrganisationId)
            {
                return ApiProblems.From(Error.Forbidden("federation.not_consumer",
                    $"An agreement with '{provider}' as provider is drafted at this node only by a client of '{forwarder.OrganisationId}', as the consumer."));
            }

            var dataset = request.Terms.Datasets is { Count: > 0 } datasets && datasets[0]?.DatasetId is { Length: > 0 } first ? provider + ":" + first : null;
            var entry = forwarder.Entry(Exchange.ExchangeEndpoints.Caller(user, http), FederatedExchangeForwarder.AgreementDraftAction, request.Id, request.Terms.PurposeCode, dataset!, []);
            return await forwarder.ForwardAsync(provider, FederatedExchangeForwarder.AgreementDraftAction, request, entry, cancellationToken);
        }

        var created = await service.DraftAsync(request.Id, request.Terms!, AgreementAccess.Actor(caller), request.Reason, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{created.Value.Id}", AgreementResponse.From(created.Value))
            : ApiProblems.From(created.Errors);
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken)
    {
        var found = await AgreementAccess.FindVisibleAsync(service, id, CallerContext.From(user), cancellationToken);
        return found.IsSuccess ? TypedResults.Ok(AgreementResponse.From(found.Value)) : ApiProblems.From(found.Errors);
    }

    private static async Task<IResult> HistoryAsync(string id, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken)
    {
        var found = await AgreementAccess.FindVisibleAsync(service, id, CallerContext.From(user), cancellationToken);
        return found.IsSuccess ? TypedResults.Ok(await service.HistoryAsync(id, cancellationToken)) : ApiProblems.From(found.Errors);
    }

    private static async Task<IResult> AmendAsync(string id, AmendAgreementRequest request, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(user);
        var found = await AgreementAccess.FindVisibleAsync(service, id, caller, cancellationToken);
        if (!found.IsSuccess)
        {
            return ApiProblems.From(found.Errors);
        }

        if (request.Terms is null)
        {
            return ApiProblems.From(Error.Validation("request.required", "terms is required.", "terms"));
        }

        var amended = await service.AmendAsync(id, request.Terms, AgreementAccess.Actor(caller), request.Reason, cancellationToken);
        return amended.IsSuccess ? TypedResults.Ok(AgreementResponse.From(amended.Value)) : ApiProblems.From(amended.Errors);
    }

    private static async Task<IResult> CheckAsync(string id, CheckRequest request, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(user);
        var found = await AgreementAccess.FindVisibleAsync(service, id, caller, cancellationToken);
        if (!found.IsSuccess)
        {
            return ApiProblems.From(found.Errors);
        }

        var errors = new List<Error>();
        RequestChecks.Required(errors, request.DatasetId, "datasetId", 64);
        RequestChecks.Required(errors, request.PurposeCode, "purposeCode", 64);
        RequestChecks.Optional(errors, request.SubjectId, "subjectId", 200);
        if (request.Fields is { Count: > 500 })
        {
            errors.Add(Error.Validation("request.too_many_fields", "fields may name at most 500 fields.", "fields"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.From(errors);
        }

        var decision = await service.DecideAsync(caller.ClientId, caller.OrganisationId, id, request.DatasetId!, request.Fields ?? [], request.PurposeCode!, request.SubjectId, cancellationToken);
        return TypedResults.Ok(DecisionResponse.From(decision));
    }
}

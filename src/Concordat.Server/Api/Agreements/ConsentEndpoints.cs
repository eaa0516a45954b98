using System.Security.Claims;
using Concordat.Core;
using Concordat.Core.Governance;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Agreements;

/// <summary>
/// <c>/api/v1/agreements/{id}/consents</c>: consent records where the lawful basis is consent. A party records a
/// person's consent or its withdrawal; withdrawal applies to the next request.
/// </summary>
public static class ConsentEndpoints
{
    /// <summary>Maps the consent endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapConsentEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/agreements/{id}/consents").WithTags("Consent");
        group.MapGet("", ListAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("ListConsents")
            .WithSummary("Consent records of the agreement, optionally of one person")
            .Produces<IReadOnlyList<ConsentRecord>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", GiveAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("GiveConsent")
            .WithSummary("Record that a person gave consent")
            .Produces<ConsentRecord>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/withdraw", WithdrawAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("WithdrawConsent")
            .WithSummary("Record that a person withdrew consent; the next request is refused")
            .Produces<ConsentRecord>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListAsync(string id, string? subjectId, ClaimsPrincipal user, AgreementService service, ConsentService consents, CancellationToken cancellationToken)
    {
        var found = await AgreementAccess.FindVisibleAsync(service, id, CallerContext.From(user), cancellationToken);
        return found.IsSuccess ? TypedResults.Ok(await consents.ListAsync(id, subjectId, cancellationToken)) : ApiProblems.From(found.Errors);
    }

    private static Task<IResult> GiveAsync(string id, ConsentRequest request, ClaimsPrincipal user, AgreementService service, ConsentService consents, CancellationToken cancellationToken) =>
        RunAsync(id, request, user, service, (actor, subject, ct) => consents.GiveAsync(id, subject, actor, ct), cancellationToken);

    private static Task<IResult> WithdrawAsync(string id, ConsentRequest request, ClaimsPrincipal user, AgreementService service, ConsentService consents, CancellationToken cancellationToken) =>
        RunAsync(id, request, user, service, (actor, subject, ct) => consents.WithdrawAsync(id, subject, actor, ct), cancellationToken);

    private static async Task<IResult> RunAsync(
        string id, ConsentRequest request, ClaimsPrincipal user, AgreementService service,
        Func<AgreementActor, string, CancellationToken, Task<Result<ConsentRecord>>> step, CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(user);
        var found = await AgreementAccess.FindVisibleAsync(service, id, caller, cancellationToken);
        if (!found.IsSuccess)
        {
            return ApiProblems.From(found.Errors);
        }

        var errors = new List<Error>();
        RequestChecks.Required(errors, request.SubjectId, "subjectId", 200);
        if (errors.Count > 0)
        {
            return ApiProblems.From(errors);
        }

        var result = await step(AgreementAccess.Actor(caller), request.SubjectId!, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ApiProblems.From(result.Errors);
    }
}

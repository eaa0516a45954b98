using System.Security.Claims;
using Concordat.Core;
using Concordat.Core.Governance;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Agreements;

/// <summary>
/// Lifecycle steps of <c>/api/v1/agreements/{id}</c>: submit, approve or reject (provider steward and provider data
/// protection officer), suspend, resume, revoke, and pseudonymisation key rotation. A step out of order is 409, the wrong role 403,
/// a non-party 404; a refused step changes nothing.
/// </summary>
public static class AgreementLifecycleEndpoints
{
    /// <summary>Maps the lifecycle endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapAgreementLifecycleEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/agreements/{id}").WithTags("Agreements");
        Step(group.MapPost("/submit", SubmitAsync), AuthPolicies.Consumer, "SubmitAgreement", "Submit a draft for approval (a party)");
        Step(group.MapPost("/approve", ApproveAsync), AuthPolicies.AgreementOfficer, "ApproveAgreement",
            "Approve as the provider's steward (role steward: data scope) or data protection officer (role dpo: lawfulness)");
        Step(group.MapPost("/reject", RejectAsync), AuthPolicies.AgreementOfficer, "RejectAgreement",
            "Refuse approval as the provider's steward or data protection officer, with a reason; the agreement goes back to draft");
        Step(group.MapPost("/suspend", SuspendAsync), AuthPolicies.AgreementOfficer, "SuspendAgreement", "Suspend (the provider, with a reason)");
        Step(group.MapPost("/resume", ResumeAsync), AuthPolicies.AgreementOfficer, "ResumeAgreement", "Resume a suspended agreement (the provider, with a reason)");
        Step(group.MapPost("/revoke", RevokeAsync), AuthPolicies.AgreementOfficer, "RevokeAgreement", "Revoke for good (the provider, with a reason)");
        Step(group.MapPost("/keys/rotate", RotateAsync), AuthPolicies.AgreementOfficer, "RotatePseudonymKey",
            "Rotate the pseudonymisation key; the old key is retired but kept for re-identification");
        group.MapGet("/keys", KeysAsync)
            .RequireAuthorization(AuthPolicies.Consumer)
            .WithName("ListPseudonymKeys")
            .WithSummary("The agreement's pseudonymisation keys (ids, versions, dates; never key material)")
            .Produces<IReadOnlyList<PseudonymKey>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static void Step(RouteHandlerBuilder builder, string policy, string name, string summary) =>
        builder.RequireAuthorization(policy)
            .WithName(name)
            .WithSummary(summary)
            .Produces<AgreementResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static Task<IResult> SubmitAsync(string id, TransitionRequest? request, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken) =>
        RunAsync(id, user, service, (actor, ct) => service.SubmitAsync(id, actor, request?.Reason, ct), cancellationToken);

    private static Task<IResult> ApproveAsync(string id, ApproveRequest? request, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken)
    {
        if (ParseRole(request?.Role) is not { } role)
        {
            return Task.FromResult(ApiProblems.From(InvalidRole()));
        }

        return RunAsync(id, user, service, (actor, ct) => service.ApproveAsync(id, role, actor, request!.Reason, ct), cancellationToken);
    }

    private static Task<IResult> RejectAsync(string id, ApproveRequest? request, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken)
    {
        if (ParseRole(request?.Role) is not { } role)
        {
            return Task.FromResult(ApiProblems.From(InvalidRole()));
        }

        return RunAsync(id, user, service, (actor, ct) => service.RejectAsync(id, role, actor, request!.Reason, ct), cancellationToken);
    }

    /// <summary>The approval role named <paramref name="name"/> (<c>steward</c> or <c>dpo</c>), or null.</summary>
    internal static ApprovalRole? ParseRole(string? name) => name switch
    {
        RoleNames.Steward => ApprovalRole.Steward,
        RoleNames.Dpo => ApprovalRole.Dpo,
        _ => null,
    };

    private static Error InvalidRole() => Error.Validation("request.invalid_role", "role must be steward (data scope) or dpo (lawfulness).", "role");

    private static Task<IResult> SuspendAsync(string id, TransitionRequest? request, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken) =>
        RunAsync(id, user, service, (actor, ct) => service.SuspendAsync(id, actor, request?.Reason, ct), cancellationToken);

    private static Task<IResult> ResumeAsync(string id, TransitionRequest? request, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken) =>
        RunAsync(id, user, service, (actor, ct) => service.ResumeAsync(id, actor, request?.Reason, ct), cancellationToken);

    private static Task<IResult> RevokeAsync(string id, TransitionRequest? request, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken) =>
        RunAsync(id, user, service, (actor, ct) => service.RevokeAsync(id, actor, request?.Reason, ct), cancellationToken);

    private static Task<IResult> RotateAsync(string id, TransitionRequest? request, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken) =>
        RunAsync(id, user, service, (actor, ct) => service.RotateKeyAsync(id, actor, request?.Reason, ct), cancellationToken);

    private static async Task<IResult> KeysAsync(string id, ClaimsPrincipal user, AgreementService service, CancellationToken cancellationToken)
    {
        var found = await AgreementAccess.FindVisibleAsync(service, id, CallerContext.From(user), cancellationToken);
        return found.IsSuccess ? TypedResults.Ok(await service.KeysAsync(id, cancellationToken)) : ApiProblems.From(found.Errors);
    }

    private static async Task<IResult> RunAsync(
        string id, ClaimsPrincipal user, AgreementService service, Func<AgreementActor, CancellationToken, Task<Result<Agreement>>> step, CancellationToken cancellationToken)
    {
        var caller = CallerContext.From(user);
        var found = await AgreementAccess.FindVisibleAsync(service, id, caller, cancellationToken);
        if (!found.IsSuccess)
        {
            return ApiProblems.From(found.Errors);
        }

        var result = await step(AgreementAccess.Actor(caller), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(AgreementResponse.From(result.Value)) : ApiProblems.From(result.Errors);
    }
}

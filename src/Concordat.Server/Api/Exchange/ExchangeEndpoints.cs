using System.Security.Claims;
using Concordat.Core.Exchange;
using Concordat.Server.Api.Audit;
using Concordat.Server.Auth;
using Concordat.Server.Federation;
using Concordat.Server.Hosting;

namespace Concordat.Server.Api.Exchange;

/// <summary>
/// <c>/api/v1/exchange</c>: what a consumer department asks of a provider's data under an agreement. Every request
/// names its agreement and purpose, is decided by the policy engine and is audited before it is answered; requests
/// go in the body, so identifiers never appear in URLs or access logs.
/// </summary>
public static class ExchangeEndpoints
{
    /// <summary>Maps the exchange endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapExchangeEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/exchange").WithTags("Exchange").RequireAuthorization(AuthPolicies.Exchange);
        group.MapPost("/lookups", LookupAsync)
            .Audited("lookup")
            .WithName("LookupPerson")
            .WithSummary("One person's permitted fields by an identifier, shaped by the agreement")
            .Produces<LookupResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/verifications", VerifyAsync)
            .Audited("verify")
            .WithName("VerifyClaims")
            .WithSummary("Matched or not matched per claimed field, without disclosing the record")
            .Produces<VerificationResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    internal static ExchangeCaller Caller(ClaimsPrincipal user, HttpContext http)
    {
        var caller = CallerContext.From(user);
        return new ExchangeCaller(caller.ClientId, caller.OrganisationId, TraceIds.Of(http));
    }

    private static async Task<IResult> LookupAsync(LookupRequest request, ClaimsPrincipal user, HttpContext http, ExchangeService exchange, CancellationToken cancellationToken)
    {
        using var measure = ConcordatTelemetry.Measure("lookup");
        measure.Describe(request.AgreementId, request.DatasetId);
        var forwarder = http.RequestServices.ExchangeForwarder();
        if (forwarder?.Route(request.DatasetId) is var (provider, datasetId))
        {
            var entry = forwarder.Entry(Caller(user, http), "lookup", request.AgreementId, request.Purpose, request.DatasetId, request.Fields ?? [])
                with { SubjectKeys = forwarder.SubjectKeysFor(request.Identifier?.Kind ?? default, request.Identifier?.Value) };
            var forwarded = await forwarder.ForwardAsync(provider, "lookup", request with { DatasetId = datasetId }, entry, cancellationToken);
            measure.Outcome = "forwarded";
            return forwarded;
        }

        var scope = new ExchangeScope(request.AgreementId, request.Purpose, forwarder?.Local(request.DatasetId) ?? request.DatasetId, request.Fields ?? []);
        var subject = new SubjectIdentifier(request.Identifier?.Kind ?? default, request.Identifier?.Value ?? "");
        var result = await exchange.LookupAsync(Caller(user, http), scope, subject, cancellationToken);
        measure.Outcome = result.IsSuccess ? "permitted" : result.Errors[0].Code;
        if (!result.IsSuccess)
        {
            return ApiProblems.From(result.Errors);
        }

        var found = result.Value;
        return TypedResults.Ok(new LookupResponse(found.AgreementId, found.AgreementVersion, found.Purpose, found.RetainUntil, found.Records, found.AuditIndex));
    }

    private static async Task<IResult> VerifyAsync(VerificationRequest request, ClaimsPrincipal user, HttpContext http, ExchangeService exchange, CancellationToken cancellationToken)
    {
        using var measure = ConcordatTelemetry.Measure("verify");
        measure.Describe(request.AgreementId, request.DatasetId);
        var forwarder = http.RequestServices.ExchangeForwarder();
        if (forwarder?.Route(request.DatasetId) is var (provider, datasetId))
        {
            var entry = forwarder.Entry(Caller(user, http), "verify", request.AgreementId, request.Purpose, request.DatasetId, (request.Claims?.Keys ?? []).ToList())
                with { SubjectKeys = forwarder.SubjectKeysFor(request.Identifier?.Kind ?? default, request.Identifier?.Value) };
            var forwarded = await forwarder.ForwardAsync(provider, "verify", request with { DatasetId = datasetId }, entry, cancellationToken);
            measure.Outcome = "forwarded";
            return forwarded;
        }

        var scope = new ExchangeScope(request.AgreementId, request.Purpose, forwarder?.Local(request.DatasetId) ?? request.DatasetId, []);
        var subject = new SubjectIdentifier(request.Identifier?.Kind ?? default, request.Identifier?.Value ?? "");
        var claims = (request.Claims ?? new Dictionary<string, string>()).ToList();
        var result = await exchange.VerifyAsync(Caller(user, http), scope, subject, claims, cancellationToken);
        measure.Outcome = result.IsSuccess ? "permitted" : result.Errors[0].Code;
        if (!result.IsSuccess)
        {
            return ApiProblems.From(result.Errors);
        }

        var verified = result.Value;
        return TypedResults.Ok(new VerificationResponse(
            verified.AgreementId,
            verified.RecordFound,
            verified.Claims.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
            verified.AuditIndex));
    }
}

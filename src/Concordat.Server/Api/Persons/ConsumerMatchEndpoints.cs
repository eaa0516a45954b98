using System.Security.Claims;
using Concordat.Core.Exchange;
using Concordat.Server.Api.Audit;
using Concordat.Server.Api.Exchange;
using Concordat.Server.Auth;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Persons;

/// <summary>
/// <c>POST /api/v1/exchange/person-matches</c>: a consumer service matches one record against the persons resolved
/// from a dataset an agreement shares with it, and gets the candidate records shaped by that agreement. Decided by the
/// policy engine and audited like every exchange request (<see cref="PersonMatchExchange"/>).
/// </summary>
public static class ConsumerMatchEndpoints
{
    private const int DefaultLimit = 10;
    private const double DefaultMinProbability = 0.5;

    /// <summary>Maps the route under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapConsumerMatchEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGroup("/exchange").WithTags("Exchange").RequireAuthorization(AuthPolicies.Exchange)
            .MapPost("/person-matches", MatchAsync)
            .Audited("person-match")
            .WithName("MatchPersonUnderAgreement")
            .WithSummary("The shared dataset's records one record may describe, with match probability and waterfall, shaped by the agreement")
            .Accepts<ConsumerMatchRequest>("application/json")
            .Produces<ConsumerMatchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> MatchAsync(
        ConsumerMatchRequest request, ClaimsPrincipal user, HttpContext http, PersonMatchExchange exchange, PersonMatchService matcher, IOptions<PersonMatchOptions> options, CancellationToken cancellationToken)
    {
        var scope = new ExchangeScope(request.AgreementId ?? "", request.Purpose ?? "", request.DatasetId ?? "", []);
        var result = await exchange.MatchAsync(
            ExchangeEndpoints.Caller(user, http),
            scope,
            request.Record ?? new Dictionary<string, string?>(),
            request.Limit ?? DefaultLimit,
            request.MinProbability ?? DefaultMinProbability,
            options.Value.MaxBlockRecords,
            matcher.Index,
            cancellationToken);
        if (!result.IsSuccess)
        {
            return ApiProblems.From(result.Errors);
        }

        var found = result.Value;
        return TypedResults.Ok(new ConsumerMatchResponse(found.AgreementId, found.Candidates, found.RecordsScored, found.SkippedBlocks, found.AuditIndex));
    }
}

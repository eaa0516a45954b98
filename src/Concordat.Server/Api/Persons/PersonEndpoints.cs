using Concordat.Core;
using Concordat.Core.Linkage;
using Concordat.Server.Api.Audit;
using Concordat.Server.Auth;
using System.Security.Claims;

namespace Concordat.Server.Api.Persons;

/// <summary>
/// <c>/api/v1/persons</c> and <c>/api/v1/linkage/reviews</c>: resolved persons with their golden records, and the
/// clerical review queue with each pair's explanation. A person joins records of several organisations, so only a
/// hub admin may read, match or decide here (deny by default); anyone else gets 403 from the policy. A match is a data
/// route: every request with a valid token, granted or refused, gets one audit entry.
/// </summary>
public static class PersonEndpoints
{
    private const int DefaultLimit = 100;
    private const int DefaultMatchLimit = 10;
    private const double DefaultMinProbability = 0.5;

    /// <summary>Maps the person and review endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapPersonEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var persons = api.MapGroup("/persons").WithTags("Persons").RequireAuthorization(AuthPolicies.Admin);
        persons.MapGet("", ListAsync)
            .Audited("person-list")
            .WithName("ListPersons")
            .WithSummary("Persons in id order with their records and golden records, paged: pass next as after")
            .Produces<Page<Person>>();
        persons.MapPost("/match", Match)
            .Audited("person-match")
            .WithName("MatchPerson")
            .WithSummary("The persons one record may belong to, with match probability and waterfall, from the in-memory index")
            .Accepts<PersonMatchRequest>("application/json")
            .Produces<PersonMatchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        persons.MapGet("/{id}", GetAsync)
            .Audited("person-read")
            .WithName("GetPerson")
            .WithSummary("A person: records, golden record and the record each golden value came from")
            .Produces<Person>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var reviews = api.MapGroup("/linkage/reviews").WithTags("Persons").RequireAuthorization(AuthPolicies.Admin);
        reviews.MapGet("", ListReviewsAsync)
            .Audited("review-list")
            .WithName("ListLinkReviews")
            .WithSummary("Pairs in the uncertain band with their match weight explanation, oldest first, paged")
            .Produces<Page<ReviewItem>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        reviews.MapPost("/{id}/decision", DecideAsync)
            .WithName("DecideLinkReview")
            .WithSummary("Accept (same person: their two persons are joined now) or reject (different people), with a reason; every later resolution respects it")
            .Produces<ReviewItem>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListAsync(string? after, int? limit, IPersonStore store, CancellationToken cancellationToken)
    {
        var pageSize = Paging.Limit(limit, DefaultLimit);
        if (!pageSize.IsSuccess)
        {
            return ApiProblems.From(pageSize.Errors);
        }

        var persons = await store.ListPersonsAsync(after, pageSize.Value + 1, cancellationToken);
        var page = persons.Take(pageSize.Value).ToList();
        return TypedResults.Ok(new Page<Person>(page, persons.Count > pageSize.Value ? page[^1].PersonId : null));
    }

    private static IResult Match(PersonMatchRequest request, PersonMatchService matcher, Microsoft.Extensions.Options.IOptions<PersonMatchOptions> options)
    {
        if (request.Record is null || request.Record.Count == 0)
        {
            return ApiProblems.From(Error.Validation("persons.match_empty", "Send record: an object of column names and values.", "record"));
        }

        var index = matcher.Index;
        if (!index.IsSuccess)
        {
            return ApiProblems.From(index.Errors);
        }

        var found = index.Value.Find(request.Record, request.Limit ?? DefaultMatchLimit, request.MinProbability ?? DefaultMinProbability, options.Value.MaxBlockRecords, null);
        return found.IsSuccess
            ? TypedResults.Ok(new PersonMatchResponse(found.Value.Candidates, index.Value.PersonCount, found.Value.RecordsScored, found.Value.SkippedBlocks))
            : ApiProblems.From(found.Errors);
    }

    private static async Task<IResult> GetAsync(string id, IPersonStore store, CancellationToken cancellationToken) =>
        await store.GetPersonAsync(id, cancellationToken) is { } person
            ? TypedResults.Ok(person)
            : ApiProblems.From(Error.NotFound("person.not_found", "No person with that id."));

    private static async Task<IResult> ListReviewsAsync(string? status, long? after, int? limit, IPersonStore store, CancellationToken cancellationToken)
    {
        var pageSize = Paging.Limit(limit, DefaultLimit);
        if (!pageSize.IsSuccess)
        {
            return ApiProblems.From(pageSize.Errors);
        }

        if (!Enum.TryParse<ReviewStatus>(status ?? "pending", ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
        {
            return ApiProblems.From(Error.Validation("review.status_invalid", "status is pending, accepted or rejected.", "status"));
        }

        var items = await store.ListReviewsAsync(parsed, after ?? 0, pageSize.Value + 1, cancellationToken);
        var page = items.Take(pageSize.Value).ToList();
        return TypedResults.Ok(new Page<ReviewItem>(page, items.Count > pageSize.Value ? page[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
    }

    private static async Task<IResult> DecideAsync(long id, ReviewDecisionRequest? request, ClaimsPrincipal user, ReviewService reviews, CancellationToken cancellationToken)
    {
        var decision = request?.Decision?.Trim().ToLowerInvariant();
        if (decision is not ("accept" or "reject"))
        {
            return ApiProblems.From(Error.Validation("review.decision_invalid", "decision is accept or reject.", "decision"));
        }

        var result = await reviews.DecideAsync(id, decision == "accept", CallerContext.From(user).ClientId, request!.Reason, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value.Item) : ApiProblems.From(result.Errors);
    }
}

using System.Security.Claims;
using Concordat.Core.Subscriptions;
using Concordat.Server.Api.Audit;
using Concordat.Server.Api.Exchange;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Subscriptions;

/// <summary>
/// <c>/api/v1/exchange/subscriptions</c>: a consumer subscribes to changes in a provider's dataset under an agreement
/// and receives signed webhooks. Subscriptions belong to the consumer organisation; any other caller gets 404.
/// </summary>
public static class SubscriptionEndpoints
{
    /// <summary>Maps the subscription endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapSubscriptionEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/exchange/subscriptions").WithTags("Exchange").RequireAuthorization(AuthPolicies.Exchange);
        group.MapPost("/", CreateAsync)
            .Audited("subscribe")
            .WithName("CreateSubscription")
            .WithSummary("Subscribe to changes; the response shows the webhook signing secret once")
            .Produces<SubscriptionCreatedResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListAsync)
            .Audited("subscription-list")
            .WithName("ListSubscriptions")
            .WithSummary("The caller's organisation's subscriptions")
            .Produces<IReadOnlyList<SubscriptionResponse>>();
        group.MapGet("/{id}", GetAsync)
            .Audited("subscription-read")
            .WithName("GetSubscription")
            .WithSummary("One subscription")
            .Produces<SubscriptionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", DeleteAsync)
            .Audited("unsubscribe")
            .WithName("DeleteSubscription")
            .WithSummary("Stop a subscription; pending notifications are dropped")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/deliveries", DeliveriesAsync)
            .Audited("subscription-deliveries")
            .WithName("ListSubscriptionDeliveries")
            .WithSummary("The newest deliveries of a subscription and their state")
            .Produces<IReadOnlyList<DeliveryResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> CreateAsync(CreateSubscriptionRequest request, ClaimsPrincipal user, HttpContext http, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        var created = await subscriptions.CreateAsync(
            ExchangeEndpoints.Caller(user, http),
            new SubscriptionRequest(request.AgreementId, request.Purpose, request.DatasetId, request.Events, request.CallbackUrl, request.Fields),
            cancellationToken);
        if (!created.IsSuccess)
        {
            return ApiProblems.From(created.Errors);
        }

        var value = created.Value;
        return TypedResults.Created(
            $"/api/v1/exchange/subscriptions/{value.Subscription.Id}",
            new SubscriptionCreatedResponse(SubscriptionResponse.From(value.Subscription), value.Secret, value.AuditIndex));
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, HttpContext http, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        var list = await subscriptions.ListAsync(ExchangeEndpoints.Caller(user, http), cancellationToken);
        return TypedResults.Ok(list.Select(SubscriptionResponse.From).ToList());
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, HttpContext http, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        var found = await subscriptions.GetAsync(ExchangeEndpoints.Caller(user, http), id, cancellationToken);
        return found.IsSuccess ? TypedResults.Ok(SubscriptionResponse.From(found.Value)) : ApiProblems.From(found.Errors);
    }

    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user, HttpContext http, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        var deleted = await subscriptions.DeleteAsync(ExchangeEndpoints.Caller(user, http), id, cancellationToken);
        return deleted.IsSuccess ? TypedResults.NoContent() : ApiProblems.From(deleted.Errors);
    }

    private static async Task<IResult> DeliveriesAsync(string id, ClaimsPrincipal user, HttpContext http, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        var found = await subscriptions.DeliveriesAsync(ExchangeEndpoints.Caller(user, http), id, cancellationToken);
        return found.IsSuccess ? TypedResults.Ok(found.Value.Select(DeliveryResponse.From).ToList()) : ApiProblems.From(found.Errors);
    }
}

using System.Net.Http.Headers;
using System.Text;
using Concordat.Core.Audit;
using Concordat.Core.Governance;
using Concordat.Core.Keys;

namespace Concordat.Core.Subscriptions;

/// <summary>
/// Delivers due notifications from the outbox: re-decides the subscription with the policy engine (a notification
/// queued before its agreement was suspended is not sent), signs the body as Standard Webhooks says (the delivery id
/// as <c>webhook-id</c>), posts it, and on a non-2xx answer, a timeout or a network error schedules the next attempt by
/// the retry policy on the injected clock, until the last attempt marks it failed. Subscriptions are served side by
/// side (<see cref="DeliveryLanes"/>), each in queue order, so a dead receiver delays only its own notifications. At
/// least once: a crash between sending and recording sends again with the same id. With several hub nodes over one
/// database each pass claims its deliveries (<see cref="ISubscriptionStore.ClaimDueDeliveriesAsync"/>) for
/// <see cref="ClaimLease"/>, renews the claim of a lane before each attempt and releases what it did not attempt, so
/// each delivery is sent by one node and each receiver gets one delivery at a time; a node that dies holds its lanes
/// only until the lease lapses. One pass at a time per dispatcher.
/// </summary>
public sealed class WebhookDispatcher
{
    /// <summary>Most deliveries one pass takes from the outbox.</summary>
    public const int BatchSize = 100;

    /// <summary>Most deliveries of one subscription in one pass, so a long queue for one receiver cannot fill a pass.</summary>
    public const int PerSubscription = 20;

    private readonly ISubscriptionStore _store;
    private readonly AgreementService _agreements;
    private readonly IAuditLog _audit;
    private readonly KeySealer _sealer;
    private readonly TimeProvider _time;
    private readonly WebhookRetryPolicy _policy;

    /// <summary>Creates the dispatcher.</summary>
    public WebhookDispatcher(ISubscriptionStore store, AgreementService agreements, IAuditLog audit, KeySealer sealer, TimeProvider time, WebhookRetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(policy);
        _store = store;
        _agreements = agreements;
        _audit = audit;
        _sealer = sealer;
        _time = time;
        _policy = policy;
    }

    /// <summary>Told after each attempt that did not succeed (delivery, its new state); the default ignores it. May be called from several threads.</summary>
    public Action<WebhookDelivery>? AttemptFailed { get; init; }

    /// <summary>Most receivers posted to at once.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>How long one attempt may take, connection included, before it counts as <c>webhook.timeout</c>.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The claimant this dispatcher claims deliveries as: unique per dispatcher, so per hub process.</summary>
    public string ClaimantId { get; init; } = "dispatcher-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// How long a pass's claim on a lane lasts before its first attempt, and beyond <see cref="AttemptTimeout"/> once
    /// renewed for an attempt. If the dispatcher's node dies, other nodes take its lanes once this has passed. Node clocks
    /// must agree to well within it.
    /// </summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Makes one pass over the due deliveries; returns how many deliveries it claimed.</summary>
    /// <param name="http">A client that does not follow redirects and has a timeout.</param>
    /// <param name="cancellationToken">Stops the pass; an attempt in flight is not recorded and will be retried.</param>
    public async Task<int> DeliverDueAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var now = _time.GetUtcNow();
        var due = await _store.ClaimDueDeliveriesAsync(new DeliveryClaim(ClaimantId, now, now + ClaimLease), BatchSize, PerSubscription, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        try
        {
            await DeliveryLanes.RunAsync(due, MaxConcurrency, async (delivery, token) =>
            {
                var at = _time.GetUtcNow();
                if (!await _store.RenewClaimAsync(delivery, new DeliveryClaim(ClaimantId, at, at + AttemptTimeout + ClaimLease), token))
                {
                    // The claim lapsed and another node took the lane: it sends this one, and nothing after it here.
                    return DeliveryStatus.Pending;
                }

                var outcome = await AttemptAsync(http, delivery, token);
                await _store.SaveAttemptAsync(outcome, CancellationToken.None);
                if (outcome.Status != DeliveryStatus.Delivered)
                {
                    AttemptFailed?.Invoke(outcome);
                }

                return outcome.Status;
            }, cancellationToken);
        }
        finally
        {
            // Lanes stopped at a receiver that failed, or cut short by cancellation, go back at once rather than at lapse.
            await _store.ReleaseClaimsAsync(ClaimantId, CancellationToken.None);
        }

        return due.Count;
    }

    private async Task<WebhookDelivery> AttemptAsync(HttpClient http, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var subscription = await _store.GetAsync(delivery.SubscriptionId, cancellationToken);
        var sealedSecret = subscription is null ? null : await _store.GetSealedSecretAsync(subscription.Id, cancellationToken);
        if (subscription is null || sealedSecret is null)
        {
            return delivery with { Status = DeliveryStatus.Failed, LastError = "subscription.deleted", LastStatusCode = null };
        }

        var decision = await _agreements.DecideAsync(subscription.ClientId, subscription.OrganisationId, subscription.AgreementId, subscription.DatasetId,
            subscription.Fields, subscription.Purpose, null, cancellationToken);
        if (!decision.IsPermitted)
        {
            await _audit.AppendAsync(new AuditEntry
            {
                Time = _time.GetUtcNow(),
                ClientId = subscription.ClientId,
                OrganisationId = subscription.OrganisationId,
                AgreementId = subscription.AgreementId,
                Purpose = subscription.Purpose,
                Action = "notify",
                DatasetId = subscription.DatasetId,
                Fields = subscription.Fields,
                Outcome = AuditOutcome.Denied,
                ReasonCode = decision.ReasonCode,
            }, cancellationToken);
            return delivery with { Status = DeliveryStatus.Failed, LastError = decision.ReasonCode, LastStatusCode = null };
        }

        var secret = Encoding.UTF8.GetString(_sealer.Unseal(sealedSecret, SubscriptionService.SecretPurpose(subscription.Id)));
        if (!WebhookSignature.DecodeSecret(secret).IsSuccess)
        {
            // A secret minted before the hub followed Standard Webhooks (base64url): no library could verify it.
            return delivery with { Status = DeliveryStatus.Failed, LastError = "webhook.bad_secret", LastStatusCode = null };
        }

        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var now = _time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.CallbackUrl);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, delivery.Id);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, WebhookSignature.Timestamp(now));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, delivery.Id, now, body));
        var attempts = delivery.Attempts + 1;
        int? status = null;
        string? error;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return delivery with
                {
                    Status = DeliveryStatus.Delivered,
                    Attempts = attempts,
                    LastStatusCode = status,
                    LastError = null,
                    DeliveredAt = _time.GetUtcNow(),
                };
            }

            error = "webhook.http_status";
        }
        catch (HttpRequestException)
        {
            error = "webhook.network_error";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = "webhook.timeout";
        }

        if (attempts >= _policy.MaxAttempts)
        {
            return delivery with { Status = DeliveryStatus.Failed, Attempts = attempts, LastStatusCode = status, LastError = error };
        }

        var wait = _policy.DelayAfter(attempts, Random.Shared.NextDouble());
        return delivery with { Attempts = attempts, LastStatusCode = status, LastError = error, NextAttemptAt = _time.GetUtcNow() + wait };
    }
}

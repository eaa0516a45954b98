using System.Net.Http.Headers;
using System.Text;
using Concordat.Core.Audit;
using Concordat.Core.Governance;
using Concordat.Core.Keys;

namespace Concordat.Core.Subscriptions;

/// <summary>
/// Delivers due notifications from the outbox: re-decides the subscription with the policy engine (a notification
/// queued before its agreement was suspended is not sent), signs the body with the subscription's secret, posts it with
/// the delivery id as <c>Idempotency-Key</c>, and on a non-2xx answer or a network error schedules the next attempt
/// by the retry policy on the injected clock, until the last attempt marks it failed. At least once: a crash between
/// sending and recording sends again with the same key. Not thread safe: one dispatcher loop per hub.
/// </summary>
public sealed class WebhookDispatcher
{
    /// <summary>Most deliveries one pass takes from the outbox.</summary>
    public const int BatchSize = 100;

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

    /// <summary>Told after each attempt that did not succeed (delivery, its new state); the default ignores it.</summary>
    public Action<WebhookDelivery>? AttemptFailed { get; init; }

    /// <summary>Makes one pass over the due deliveries; returns how many attempts were made.</summary>
    /// <param name="http">A client that does not follow redirects and has a timeout.</param>
    /// <param name="cancellationToken">Stops the pass; an attempt in flight is not recorded and will be retried.</param>
    public async Task<int> DeliverDueAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var due = await _store.DueDeliveriesAsync(_time.GetUtcNow(), BatchSize, cancellationToken);
        foreach (var delivery in due)
        {
            var outcome = await AttemptAsync(http, delivery, cancellationToken);
            await _store.SaveAttemptAsync(outcome, CancellationToken.None);
            if (outcome.Status != DeliveryStatus.Delivered)
            {
                AttemptFailed?.Invoke(outcome);
            }
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
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.CallbackUrl);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Sign(secret, _time.GetUtcNow(), body));
        request.Headers.TryAddWithoutValidation("Idempotency-Key", delivery.Id);
        var attempts = delivery.Attempts + 1;
        int? status = null;
        string? error;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
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

using System.Security.Cryptography;
using Concordat.Core.Audit;
using Concordat.Core.Exchange;
using Concordat.Core.Governance;
using Concordat.Core.Keys;

namespace Concordat.Core.Subscriptions;

/// <summary>
/// Creates, lists and deletes a consumer's change subscriptions. Creation is decided by the policy engine like any
/// exchange request and audited, permitted or refused; the signing secret is generated here, returned once and kept
/// only sealed under the master key. A subscription another organisation owns answers not found. Thread safe.
/// </summary>
public sealed class SubscriptionService
{
    /// <summary>Most subscriptions one organisation may hold.</summary>
    public const int MaxPerOrganisation = 100;

    /// <summary>Most deliveries one listing returns.</summary>
    public const int MaxDeliveriesListed = 200;

    private readonly ISubscriptionStore _store;
    private readonly AgreementService _agreements;
    private readonly IAuditLog _audit;
    private readonly KeySealer _sealer;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    public SubscriptionService(ISubscriptionStore store, AgreementService agreements, IAuditLog audit, KeySealer sealer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _agreements = agreements;
        _audit = audit;
        _sealer = sealer;
        _time = time;
    }

    /// <summary>Plain http callbacks to loopback are accepted (development and tests only).</summary>
    public bool AllowLoopbackHttp { get; init; }

    /// <summary>The purpose the signing secret of subscription <paramref name="id"/> is sealed for.</summary>
    public static string SecretPurpose(string id) => "concordat/webhook/" + id;

    /// <summary>Subscribes a consumer to changes in a dataset under an agreement.</summary>
    /// <returns>The subscription and its secret; validation or forbidden errors, each audited.</returns>
    /// <exception cref="AuditLogException">The request could not be audited; nothing was created.</exception>
    public async Task<Result<SubscriptionCreated>> CreateAsync(ExchangeCaller caller, SubscriptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var fields = request.Fields ?? [];
        var entry = new AuditEntry
        {
            Time = _time.GetUtcNow(),
            ClientId = caller.ClientId,
            OrganisationId = caller.OrganisationId,
            Purpose = Exchange.ExchangeAudit.Purpose(request.Purpose),
            Action = "subscribe",
            DatasetId = request.DatasetId,
            Fields = fields,
            Outcome = AuditOutcome.Permitted,
            TraceId = caller.TraceId,
        };

        var events = (request.Events ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (events.Count == 0 || !events.All(ChangeEvents.IsKnown))
        {
            return await RefuseAsync(entry, Error.Validation("subscription.invalid_events", "events must list \"changed\" and/or \"deleted\".", "events"), cancellationToken);
        }

        var callback = CallbackUrlPolicy.Check(request.CallbackUrl, AllowLoopbackHttp);
        if (!callback.IsSuccess)
        {
            return await RefuseAsync(entry, callback.Errors[0], cancellationToken);
        }

        var decision = await _agreements.DecideAsync(
            caller.ClientId, caller.OrganisationId, request.AgreementId ?? "", request.DatasetId ?? "", fields, request.Purpose ?? "", null, cancellationToken);
        if (!decision.IsPermitted)
        {
            return await RefuseAsync(entry with { AgreementId = string.IsNullOrEmpty(request.AgreementId) ? null : request.AgreementId },
                Error.Forbidden(decision.ReasonCode!, decision.Message!), cancellationToken);
        }

        var obligations = decision.Obligations!;
        entry = entry with { AgreementId = obligations.AgreementId, Fields = obligations.Fields.Select(f => f.Name).ToArray() };
        if (obligations.Mode == DisclosureMode.Aggregate)
        {
            return await RefuseAsync(entry, Error.Forbidden("exchange.aggregate_only", $"Agreement '{obligations.AgreementId}' shares only aggregate figures; it cannot notify about people."), cancellationToken);
        }

        if ((await _store.ListAsync(caller.OrganisationId, cancellationToken)).Count >= MaxPerOrganisation)
        {
            return await RefuseAsync(entry, Error.Conflict("subscription.limit", $"An organisation may hold at most {MaxPerOrganisation} subscriptions."), cancellationToken);
        }

        var id = "sub_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = WebhookSignature.NewSecret();
        var subscription = new Subscription(id, caller.ClientId, caller.OrganisationId, obligations.AgreementId, request.Purpose!, request.DatasetId!,
            events, callback.Value, fields, _time.GetUtcNow());
        var receipt = await _audit.AppendAsync(entry, cancellationToken);
        var plain = System.Text.Encoding.UTF8.GetBytes(secret);
        var sealedSecret = _sealer.Seal(plain, SecretPurpose(id));
        CryptographicOperations.ZeroMemory(plain);
        await _store.AddAsync(subscription, sealedSecret, cancellationToken);
        return new SubscriptionCreated(subscription, secret, receipt.Index);
    }

    /// <summary>The caller's organisation's subscriptions.</summary>
    public Task<IReadOnlyList<Subscription>> ListAsync(ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return _store.ListAsync(caller.OrganisationId, cancellationToken);
    }

    /// <summary>One subscription of the caller's organisation; not found for any other.</summary>
    public async Task<Result<Subscription>> GetAsync(ExchangeCaller caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var subscription = await _store.GetAsync(id, cancellationToken);
        return subscription is not null && string.Equals(subscription.OrganisationId, caller.OrganisationId, StringComparison.Ordinal)
            ? subscription
            : Error.NotFound("subscription.not_found", "No such subscription.");
    }

    /// <summary>Deletes one of the caller's organisation's subscriptions; pending notifications are dropped.</summary>
    public async Task<Result<Subscription>> DeleteAsync(ExchangeCaller caller, string id, CancellationToken cancellationToken)
    {
        var found = await GetAsync(caller, id, cancellationToken);
        if (found.IsSuccess)
        {
            await _store.DeleteAsync(id, cancellationToken);
        }

        return found;
    }

    /// <summary>The newest deliveries of one of the caller's organisation's subscriptions.</summary>
    public async Task<Result<IReadOnlyList<WebhookDelivery>>> DeliveriesAsync(ExchangeCaller caller, string id, CancellationToken cancellationToken)
    {
        var found = await GetAsync(caller, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return Result<IReadOnlyList<WebhookDelivery>>.Failure(found.Errors);
        }

        return Result<IReadOnlyList<WebhookDelivery>>.Success(await _store.ListDeliveriesAsync(id, MaxDeliveriesListed, cancellationToken));
    }

    private async Task<Result<SubscriptionCreated>> RefuseAsync(AuditEntry entry, Error error, CancellationToken cancellationToken)
    {
        await _audit.AppendAsync(entry with { Outcome = AuditOutcome.Denied, ReasonCode = error.Code }, cancellationToken);
        return error;
    }
}

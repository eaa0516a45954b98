using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Exchange;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Core.Standards;

namespace Concordat.Core.Subscriptions;

/// <summary>
/// Turns a committed ingest run into notifications: every record the run changed or deleted becomes an event for each
/// subscription on the dataset that wants it. Each subscription is decided by the policy engine at this moment (a
/// suspended, expired or revoked agreement, or withdrawn consent, stops it), each record is shaped by its obligations
/// exactly as a look-up would be (a deletion carries only the permitted key fields), the disclosure is audited as
/// "notify" with the person's subject keys, and only then is the notification written to the durable outbox. Runs are
/// taken in order after a durable cursor that moves in the same transaction as the outbox rows, so a run committed by
/// the CLI, or by a process that stopped before queueing, is notified by <see cref="CatchUpAsync"/> later (at least
/// once). Thread safe: catch-ups are serialised, across every process over the database too
/// (<see cref="ISubscriptionStore.LockNotificationsAsync"/>).
/// </summary>
public sealed class ChangeNotifier : IIngestRunObserver, IDisposable
{
    /// <summary>Most runs one catch-up step reads.</summary>
    public const int RunBatchSize = 50;

    private readonly SemaphoreSlim _serial = new(1, 1);
    private readonly ISubscriptionStore _store;
    private readonly IIngestStore _runs;
    private readonly ICatalogueStore _catalogue;
    private readonly AgreementService _agreements;
    private readonly IAuditLog _audit;
    private readonly SubjectKeyer _subjects;
    private readonly TimeProvider _time;

    /// <summary>Creates the notifier.</summary>
    public ChangeNotifier(ISubscriptionStore store, IIngestStore runs, ICatalogueStore catalogue, AgreementService agreements, IAuditLog audit, SubjectKeyer subjects, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _runs = runs;
        _catalogue = catalogue;
        _agreements = agreements;
        _audit = audit;
        _subjects = subjects;
        _time = time;
    }

    /// <summary>Told when notifications were queued, so the dispatcher can deliver them without waiting for its poll.</summary>
    public Action? Queued { get; init; }

    /// <summary>Told when a run's notifications could not be queued (the run stays committed); the default ignores it.</summary>
    public Action<IngestRun, Exception>? NotifyFailed { get; init; }

    /// <inheritdoc />
    public async Task RunCommittedAsync(IngestRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await CatchUpAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Notifications already audited and queued stay queued; the rest of this run's are lost and reported.
            NotifyFailed?.Invoke(run, ex);
        }
    }

    /// <summary>
    /// Queues the notifications of every finished run after the cursor, run by run, and tells <see cref="Queued"/>
    /// when any were queued; returns how many were.
    /// </summary>
    /// <exception cref="AuditLogException">A disclosure could not be audited; that run stays unqueued and is tried again.</exception>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        await _serial.WaitAsync(cancellationToken);
        var queued = 0;
        try
        {
            // Other hub nodes over the same database catch up too: one at a time, or a run would be queued (and its
            // disclosures audited) once per node.
            await using var crossNode = await _store.LockNotificationsAsync(cancellationToken);
            IReadOnlyList<long> ids;
            do
            {
                ids = await _store.RunsToNotifyAsync(RunBatchSize, cancellationToken);
                foreach (var id in ids)
                {
                    var run = await _runs.GetRunAsync(id, cancellationToken);
                    var deliveries = run is { Status: IngestRunStatus.Succeeded } ? await DeliveriesOfAsync(run, cancellationToken) : [];
                    await _store.CompleteRunAsync(id, deliveries, CancellationToken.None);
                    queued += deliveries.Count;
                }
            }
            while (ids.Count == RunBatchSize);
        }
        finally
        {
            _serial.Release();
            if (queued > 0)
            {
                Queued?.Invoke();
            }
        }

        return queued;
    }

    private async Task<IReadOnlyList<WebhookDelivery>> DeliveriesOfAsync(IngestRun run, CancellationToken cancellationToken)
    {
        var subscriptions = await _store.ListForRunAsync(run.DatasetId, run.Id, cancellationToken);
        if (subscriptions.Count == 0)
        {
            return [];
        }

        var dataset = await _catalogue.GetDatasetAsync(run.DatasetId, cancellationToken);
        var changes = await _store.ChangesOfRunAsync(run.DatasetId, run.Id, cancellationToken);
        if (dataset is null || changes.Count == 0)
        {
            return [];
        }

        var deliveries = new List<WebhookDelivery>();
        foreach (var subscription in subscriptions)
        {
            deliveries.AddRange(await DeliveriesForAsync(subscription, dataset, run, changes, cancellationToken));
        }

        return deliveries;
    }

    private async Task<IReadOnlyList<WebhookDelivery>> DeliveriesForAsync(Subscription subscription, Dataset dataset, IngestRun run, IReadOnlyList<ChangedRecord> changes, CancellationToken cancellationToken)
    {
        var wanted = changes.Where(c => subscription.Events.Contains(c.IsDeleted ? ChangeEvents.Deleted : ChangeEvents.Changed)).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var entry = new AuditEntry
        {
            Time = _time.GetUtcNow(),
            ClientId = subscription.ClientId,
            OrganisationId = subscription.OrganisationId,
            AgreementId = subscription.AgreementId,
            Purpose = subscription.Purpose,
            Action = "notify",
            DatasetId = dataset.Id,
            Fields = subscription.Fields,
            Outcome = AuditOutcome.Permitted,
        };
        var decision = await DecideAsync(subscription, null, cancellationToken);
        if (!decision.IsPermitted || decision.Obligations!.Mode == DisclosureMode.Aggregate)
        {
            await _audit.AppendAsync(entry with { Outcome = AuditOutcome.Denied, ReasonCode = decision.ReasonCode ?? "exchange.aggregate_only" }, cancellationToken);
            return [];
        }

        var obligations = decision.Obligations;
        var key = obligations.PseudonymKeyId is { } keyId
            ? await _agreements.UnsealKeyAsync(keyId, cancellationToken) ?? throw new InvalidOperationException($"Pseudonymisation key '{keyId}' is missing.")
            : [];
        var fields = obligations.Fields.Select(f => f.Name).ToArray();
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var deliveries = new List<WebhookDelivery>();
        try
        {
            foreach (var change in wanted)
            {
                var source = change.IsDeleted ? change.PreviousPayloadJson : change.PayloadJson;
                if (source is null)
                {
                    continue;
                }

                var record = RecordShaper.Parse(source);
                var identifier = IdentifierOf(dataset, record);
                var subjectKeys = identifier is { } id ? [_subjects.For(id.Kind, id.Value).Value] : Array.Empty<SubjectKey>();
                if (obligations.OnlyConsentingSubjects)
                {
                    var personal = await DecideAsync(subscription, identifier?.Value, cancellationToken);
                    if (!personal.IsPermitted)
                    {
                        await _audit.AppendAsync(entry with { Outcome = AuditOutcome.Denied, ReasonCode = personal.ReasonCode, SubjectKeys = subjectKeys }, cancellationToken);
                        continue;
                    }
                }

                if (!RecordShaper.PassesFilters(record, obligations, today))
                {
                    continue;
                }

                var shaped = RecordShaper.Shape(change.IsDeleted ? KeyFieldsOf(dataset, record) : record, obligations, key);
                var type = change.IsDeleted ? ChangeEvents.Deleted : ChangeEvents.Changed;
                var deliveryId = "evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                var body = new JsonObject
                {
                    ["id"] = deliveryId,
                    ["type"] = type,
                    ["occurredAt"] = run.FinishedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    ["agreementId"] = obligations.AgreementId,
                    ["datasetId"] = dataset.Id,
                    ["record"] = shaped,
                };
                // No audit entry, no data: the disclosure is logged before it can leave.
                var receipt = await _audit.AppendAsync(entry with { Fields = fields, SubjectKeys = subjectKeys }, cancellationToken);
                deliveries.Add(new WebhookDelivery(deliveryId, subscription.Id, type, run.FinishedAt, DeliveryStatus.Pending, 0, _time.GetUtcNow())
                {
                    Body = body.ToJsonString(),
                    AuditIndex = receipt.Index,
                });
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return deliveries;
    }

    /// <inheritdoc />
    public void Dispose() => _serial.Dispose();

    private Task<PolicyDecision> DecideAsync(Subscription subscription, string? subjectId, CancellationToken cancellationToken) =>
        _agreements.DecideAsync(subscription.ClientId, subscription.OrganisationId, subscription.AgreementId, subscription.DatasetId,
            subscription.Fields, subscription.Purpose, subjectId, cancellationToken);

    // The person the record is about: the first identifier field holding a valid value, normalised as look-ups are.
    private static SubjectIdentifier? IdentifierOf(Dataset dataset, JsonObject record)
    {
        foreach (var field in dataset.Schema.Fields.Where(f => f.Identifier != IdentifierKind.None))
        {
            if (RecordShaper.Text(record[field.Name]) is { } value
                && IdentifierStandard.TryNormalise(field.Identifier, value, out var normalised, out _))
            {
                return new SubjectIdentifier(field.Identifier, normalised);
            }
        }

        return null;
    }

    private static JsonObject KeyFieldsOf(Dataset dataset, JsonObject record)
    {
        var keys = new JsonObject();
        foreach (var name in dataset.Schema.PrimaryKey)
        {
            if (record[name] is { } value)
            {
                keys[name] = value.DeepClone();
            }
        }

        return keys;
    }
}

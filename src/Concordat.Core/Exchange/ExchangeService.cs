using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Core.Standards;

namespace Concordat.Core.Exchange;

/// <summary>
/// Answers one department's question about one person from another department's data ("tell us once"): look up the
/// permitted fields by an identifier, or verify claims without disclosing anything. Every request, answered or refused,
/// is decided by the policy engine and appended to the audit log before the answer leaves; if the audit entry cannot
/// be written the request fails and nothing is disclosed. Thread safe.
/// </summary>
public sealed class ExchangeService
{
    /// <summary>Most claims one verification may carry.</summary>
    public const int MaxClaims = 20;

    /// <summary>Most records one look-up returns for one person.</summary>
    public const int MaxRecordsPerPerson = 50;

    private readonly ICatalogueStore _catalogue;
    private readonly IRecordStore _records;
    private readonly AgreementService _agreements;
    private readonly IAuditLog _audit;
    private readonly SubjectKeyer _subjects;
    private readonly TimeProvider _time;

    // Parsed dataset schemas for a few seconds: a look-up uses the schema only to find the identifier field and the
    // key, never to decide what may leave (the agreement does that, read fresh on every request).
    private static readonly TimeSpan SchemaCacheLifetime = TimeSpan.FromSeconds(5);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Dataset Dataset, DateTimeOffset Until)> _datasets = new(StringComparer.Ordinal);

    /// <summary>Creates the service.</summary>
    public ExchangeService(ICatalogueStore catalogue, IRecordStore records, AgreementService agreements, IAuditLog audit, SubjectKeyer subjects, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(time);
        _catalogue = catalogue;
        _records = records;
        _agreements = agreements;
        _audit = audit;
        _subjects = subjects;
        _time = time;
    }

    /// <summary>Looks up a person's permitted fields in a dataset by an identifier.</summary>
    /// <returns>The shaped record; forbidden (policy), not found (no such record, or filtered out) or validation errors, each audited.</returns>
    /// <exception cref="AuditLogException">The access could not be audited; nothing was disclosed.</exception>
    public async Task<Result<LookupResult>> LookupAsync(ExchangeCaller caller, ExchangeScope scope, SubjectIdentifier subject, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(caller, scope, subject, "lookup", scope.Fields, cancellationToken);
        if (prepared.Error is { } refused)
        {
            return refused;
        }

        var (entry, obligations) = (prepared.Entry, prepared.Obligations!);
        var key = await ObligationKeys.UnsealAsync(_agreements, obligations, cancellationToken);
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var fields = obligations.Fields.Select(f => f.Name).ToArray();
        var visible = prepared.Records.Where(r => RecordShaper.PassesFilters(r, obligations, today)).ToList();
        if (visible.Count == 0)
        {
            // Filtered-out records answer exactly like absent ones, so the filter itself discloses nothing.
            var notFound = Error.NotFound("exchange.record_not_found", "No record in the dataset holds that identifier.");
            await _audit.AppendAsync(
                ExchangeAudit.Sealed(caller, entry with { Fields = fields, AgreementId = obligations.AgreementId, ReasonCode = "record.not_found" }, ExchangeAnswer.Refused(notFound)),
                cancellationToken);
            return notFound;
        }

        var shaped = visible.Select(r => RecordShaper.Shape(r, obligations, key)).ToList();
        var result = new LookupResult(obligations.AgreementId, obligations.AgreementVersion, scope.Purpose, today.AddDays(obligations.RetentionDays), shaped, -1);
        var receipt = await _audit.AppendAsync(ExchangeAudit.Sealed(caller, entry with { Fields = fields, AgreementId = obligations.AgreementId }, new ExchangeAnswer(result, null)), cancellationToken);
        return result with { AuditIndex = receipt.Index };
    }

    /// <summary>Checks claimed values (e.g. name, date of birth, postcode) against a person's record without disclosing it.</summary>
    /// <param name="caller">The consumer.</param>
    /// <param name="scope">Agreement, purpose and dataset; its fields are ignored in favour of the claimed fields.</param>
    /// <param name="subject">Who the claims are about.</param>
    /// <param name="claims">Field name to claimed value; every field must be shared by the agreement.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<Result<VerificationResult>> VerifyAsync(
        ExchangeCaller caller, ExchangeScope scope, SubjectIdentifier subject, IReadOnlyList<KeyValuePair<string, string>> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var claimed = claims.Select(c => c.Key).ToArray();
        if (claims.Count == 0 || claims.Count > MaxClaims || claims.Any(c => c.Value is null))
        {
            return await ExchangeAudit.RefuseAsync(
                _audit,
                caller,
                NewEntry(caller, scope, "verify", claimed),
                Error.Validation("exchange.invalid_claims", $"A verification carries 1 to {MaxClaims} claims, each with a value.", "claims"),
                cancellationToken);
        }

        var prepared = await PrepareAsync(caller, scope, subject, "verify", claimed, cancellationToken);
        if (prepared.Error is { } refused)
        {
            return refused;
        }

        var (audit, obligations, dataset) = (prepared.Entry, prepared.Obligations!, prepared.Dataset!);
        var key = await ObligationKeys.UnsealAsync(_agreements, obligations, cancellationToken);
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        // A claim is about the person, so it matches when any of the person's records holds the claimed value.
        var visible = prepared.Records.Where(r => RecordShaper.PassesFilters(r, obligations, today)).ToList();
        var found = visible.Count > 0;
        var outcomes = new List<KeyValuePair<string, ClaimOutcome>>(claims.Count);
        foreach (var (name, value) in claims)
        {
            var field = dataset.Schema.Fields.First(f => string.Equals(f.Name, name, StringComparison.Ordinal));
            var transform = obligations.Fields.First(f => string.Equals(f.Name, name, StringComparison.Ordinal)).Transform;
            var results = visible.Select(r => ClaimComparer.Compare(field, transform, value, RecordShaper.Text(r[name]), key)).ToList();
            var outcome = results.Contains(ClaimOutcome.Matched) ? ClaimOutcome.Matched
                : results.Contains(ClaimOutcome.NotMatched) ? ClaimOutcome.NotMatched
                : ClaimOutcome.NotHeld;
            outcomes.Add(new(name, outcome));
        }

        var result = new VerificationResult(obligations.AgreementId, found, outcomes, -1);
        var receipt = await _audit.AppendAsync(
            ExchangeAudit.Sealed(caller, audit with { Fields = claimed, AgreementId = obligations.AgreementId, ReasonCode = found ? null : "record.not_found" }, new ExchangeAnswer(result, null)),
            cancellationToken);
        return result with { AuditIndex = receipt.Index };
    }

    // Validates the identifier, decides the policy and reads the record; every refusal is audited here.
    private async Task<Prepared> PrepareAsync(
        ExchangeCaller caller, ExchangeScope scope, SubjectIdentifier subject, string action, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(subject);
        var entry = NewEntry(caller, scope, action, fields);
        if (subject.Kind == IdentifierKind.None
            || !IdentifierStandard.TryNormalise(subject.Kind, subject.Value ?? "", out var identifier, out var reason))
        {
            return await RefuseAsync(caller, entry, Error.Validation("exchange.invalid_identifier", $"The identifier is not a valid {KindName(subject.Kind)}.", "identifier"), cancellationToken);
        }

        entry = entry with { SubjectKeys = [_subjects.For(subject.Kind, identifier).Value] };
        var decision = await _agreements.DecideAsync(
            caller.ClientId, caller.OrganisationId, scope.AgreementId ?? "", scope.DatasetId ?? "", fields, scope.Purpose ?? "", identifier, cancellationToken);
        if (!decision.IsPermitted)
        {
            return await RefuseAsync(caller, entry, Error.Forbidden(decision.ReasonCode!, decision.Message!), cancellationToken);
        }

        var obligations = decision.Obligations!;
        entry = entry with { AgreementId = obligations.AgreementId };
        if (obligations.Mode == DisclosureMode.Aggregate)
        {
            return await RefuseAsync(caller, entry, Error.Forbidden("exchange.aggregate_only", $"Agreement '{obligations.AgreementId}' shares only aggregate figures; use an aggregate query."), cancellationToken);
        }

        var dataset = await DatasetAsync(scope.DatasetId!, cancellationToken);
        var field = dataset?.Schema.Fields.FirstOrDefault(f => f.Identifier == subject.Kind);
        if (dataset is null || field is null)
        {
            return await RefuseAsync(caller, entry, Error.Validation("exchange.identifier_not_held", $"Dataset '{scope.DatasetId}' holds no {KindName(subject.Kind)} to look people up by.", "identifier"), cancellationToken);
        }

        var stored = await FindAsync(dataset, field, identifier, cancellationToken);
        return new Prepared(entry, obligations, stored.Select(s => RecordShaper.Parse(s.PayloadJson)).ToList(), dataset, null);
    }

    private async Task<IReadOnlyList<RecordVersion>> FindAsync(Dataset dataset, SchemaField field, string identifier, CancellationToken cancellationToken)
    {
        var key = dataset.Schema.PrimaryKey;
        if (key.Count == 1 && string.Equals(key[0], field.Name, StringComparison.Ordinal))
        {
            var record = await _records.GetRecordAsync(dataset.Id, identifier, cancellationToken);
            return record is { IsDeleted: false } ? [record] : [];
        }

        return await _records.FindCurrentByFieldAsync(dataset.Id, field.Name, identifier, MaxRecordsPerPerson, cancellationToken);
    }

    private async Task<Dataset?> DatasetAsync(string datasetId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_datasets.TryGetValue(datasetId, out var cached) && cached.Until > now)
        {
            return cached.Dataset;
        }

        var dataset = await _catalogue.GetDatasetAsync(datasetId, cancellationToken);
        if (dataset is not null)
        {
            _datasets[datasetId] = (dataset, now + SchemaCacheLifetime);
        }

        return dataset;
    }

    private async Task<Prepared> RefuseAsync(ExchangeCaller caller, AuditEntry entry, Error error, CancellationToken cancellationToken) =>
        new(entry, null, [], null, await ExchangeAudit.RefuseAsync(_audit, caller, entry, error, cancellationToken));

    private AuditEntry NewEntry(ExchangeCaller caller, ExchangeScope scope, string action, IReadOnlyList<string> fields) =>
        ExchangeAudit.Entry(caller, scope, action, fields, _time.GetUtcNow());

    private static string KindName(IdentifierKind kind) => kind switch
    {
        IdentifierKind.Nino => "National Insurance number",
        IdentifierKind.NhsNumber => "NHS number",
        IdentifierKind.Uprn => "UPRN",
        IdentifierKind.Postcode => "postcode",
        IdentifierKind.Email => "email address",
        IdentifierKind.Phone => "phone number",
        _ => "identifier kind",
    };

    private sealed record Prepared(AuditEntry Entry, Obligations? Obligations, IReadOnlyList<JsonObject> Records, Dataset? Dataset, Error? Error);
}

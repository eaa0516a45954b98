using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Core.Linkage;
using Concordat.Core.Standards;

namespace Concordat.Core.Exchange;

/// <summary>
/// Matches one consumer's record against the resolved persons under a data sharing agreement. The consumer may send
/// only fields the agreement shares from the dataset as held (untransformed: a comparison's level tells whether the
/// held value agrees with the one sent, so matching on a field shared only as a year or a district would disclose the
/// full value); only that dataset's records are candidates; each candidate comes back shaped exactly as a look-up
/// would shape it (no person id and no record key, which would join across agreements), after the agreement's row
/// filters. Every request, granted or refused, is one audit entry naming the agreement, the fields and the subjects
/// of the records disclosed. Thread safe.
/// </summary>
public sealed class PersonMatchExchange
{
    private readonly ICatalogueStore _catalogue;
    private readonly IRecordStore _records;
    private readonly AgreementService _agreements;
    private readonly IAuditLog _audit;
    private readonly SubjectKeyer _subjects;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    public PersonMatchExchange(ICatalogueStore catalogue, IRecordStore records, AgreementService agreements, IAuditLog audit, SubjectKeyer subjects, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(time);
        (_catalogue, _records, _agreements, _audit, _subjects, _time) = (catalogue, records, agreements, audit, subjects, time);
    }

    /// <summary>
    /// The shared dataset's records <paramref name="record"/> may describe, from <paramref name="index"/> (or its
    /// error when the hub holds none). Refusals are audited and returned: forbidden by the policy engine (its reason
    /// code), <c>exchange.aggregate_only</c>, <c>persons.match_field_transformed</c>, <c>persons.match_consent_basis</c>,
    /// the index's validation errors, or the index's unavailability.
    /// </summary>
    /// <exception cref="AuditLogException">The access could not be audited; nothing was disclosed.</exception>
    public async Task<Result<PersonMatchDisclosure>> MatchAsync(
        ExchangeCaller caller, ExchangeScope scope, IReadOnlyDictionary<string, string?> record, int limit, double minProbability, int maxBlockRecords, Result<PersonMatchIndex> index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(record);
        var fields = record.Keys.Order(StringComparer.Ordinal).ToArray();
        var entry = ExchangeAudit.Entry(caller, scope, "person-match", fields, _time.GetUtcNow());
        if (fields.Length == 0)
        {
            return await RefuseAsync(caller, entry, Error.Validation("persons.match_empty", "Send record: an object of field names and values.", "record"), cancellationToken);
        }

        // The fields sent are the fields asked for: the agreement must share each of them.
        var decision = await _agreements.DecideAsync(caller.ClientId, caller.OrganisationId, scope.AgreementId ?? "", scope.DatasetId ?? "", fields, scope.Purpose ?? "", null, cancellationToken);
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

        if (obligations.Fields.FirstOrDefault(f => f.Transform != FieldTransform.None && fields.Contains(f.Name, StringComparer.Ordinal)) is { } transformed)
        {
            return await RefuseAsync(caller, entry, Error.Forbidden("persons.match_field_transformed", $"Agreement '{obligations.AgreementId}' shares '{transformed.Name}' only transformed; a match on it would disclose the value as held. Send only fields shared as held."), cancellationToken);
        }

        if (obligations.OnlyConsentingSubjects)
        {
            return await RefuseAsync(caller, entry, Error.Forbidden("persons.match_consent_basis", $"Agreement '{obligations.AgreementId}' relies on each person's consent, which a match cannot check before it finds them; use a look-up."), cancellationToken);
        }

        if (!index.IsSuccess)
        {
            return await RefuseAsync(caller, entry, index.Errors[0], cancellationToken);
        }

        var found = index.Value.Find(record, limit, minProbability, maxBlockRecords, scope.DatasetId);
        if (!found.IsSuccess)
        {
            return await RefuseAsync(caller, entry, found.Errors[0], cancellationToken);
        }

        var dataset = await _catalogue.GetDatasetAsync(scope.DatasetId!, cancellationToken);
        var identifiers = dataset?.Schema.Fields.Where(f => f.Identifier != IdentifierKind.None).ToList() ?? [];
        var key = await ObligationKeys.UnsealAsync(_agreements, obligations, cancellationToken);
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var candidates = new List<MatchedRecord>(found.Value.Candidates.Count);
        var subjects = new List<SubjectKey>();
        foreach (var candidate in found.Value.Candidates)
        {
            var stored = await _records.GetRecordAsync(candidate.Record.DatasetId, candidate.Record.RecordKey, cancellationToken);
            if (stored is not { IsDeleted: false })
            {
                continue;
            }

            var held = RecordShaper.Parse(stored.PayloadJson);
            // Filtered-out records answer exactly like absent ones, so the filter itself discloses nothing.
            if (!RecordShaper.PassesFilters(held, obligations, today))
            {
                continue;
            }

            foreach (var field in identifiers)
            {
                if (RecordShaper.Text(held[field.Name]) is { } value
                    && IdentifierStandard.TryNormalise(field.Identifier, value, out var normalised, out _)
                    && _subjects.For(field.Identifier, normalised) is { IsSuccess: true } subject
                    && !subjects.Contains(subject.Value))
                {
                    subjects.Add(subject.Value);
                }
            }

            candidates.Add(new MatchedRecord(candidate.Probability, RecordShaper.Shape(held, obligations, key), Withhold(candidate.Explanation)));
        }

        var receipt = await _audit.AppendAsync(
            ExchangeAudit.Sealed(caller, entry with { SubjectKeys = subjects }, new ExchangeAnswer(candidates, null)),
            cancellationToken);
        return new PersonMatchDisclosure(obligations.AgreementId, candidates, found.Value.RecordsScored, found.Value.SkippedBlocks, receipt.Index);
    }

    // The held record's value is shown only for the columns the consumer sent (which the agreement shares as held);
    // the record id is not shown at all.
    private static PairExplanation Withhold(PairExplanation explanation) => explanation with
    {
        RightId = "",
        Steps = [.. explanation.Steps.Select(s => s.LeftValue is null ? s with { RightValue = null } : s)],
    };

    private async Task<Error> RefuseAsync(ExchangeCaller caller, AuditEntry entry, Error error, CancellationToken cancellationToken) =>
        await ExchangeAudit.RefuseAsync(_audit, caller, entry, error, cancellationToken);
}

using Concordat.Core;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Server.Api.Register;

namespace Concordat.Server.Citizen;

/// <summary>
/// What the hub holds about one citizen and who has accessed it: their access history from the audit log (found by
/// their subject key, never by a stored NINO) and their current records in every dataset that has a NINO field.
/// Every method takes the citizen's own normalised NINO from their signed-in session; nothing here takes another.
/// </summary>
internal sealed class CitizenView
{
    /// <summary>The audit action of a subject access export.</summary>
    public const string SubjectAccessAction = "subject-access";

    /// <summary>The client and organisation id the audit log records for a citizen's own export.</summary>
    public const string CitizenActor = "citizen";

    private const int MaxRecordsPerDataset = 1000;
    private const int MaxExportAccesses = 100_000;

    private readonly IAuditLog _audit;
    private readonly SubjectKeyer _keyer;
    private readonly ICatalogueStore _catalogue;
    private readonly IRecordStore _records;
    private readonly AgreementService _agreements;
    private readonly TimeProvider _time;

    public CitizenView(IAuditLog audit, SubjectKeyer keyer, ICatalogueStore catalogue, IRecordStore records, AgreementService agreements, TimeProvider time)
    {
        _audit = audit;
        _keyer = keyer;
        _catalogue = catalogue;
        _records = records;
        _agreements = agreements;
        _time = time;
    }

    /// <summary>Up to <paramref name="limit"/> accesses after log index <paramref name="after"/> (-1 for the start), oldest first.</summary>
    public async Task<IReadOnlyList<CitizenAccess>> AccessesAsync(string nino, long after, int limit, CancellationToken cancellationToken)
    {
        var subject = _keyer.For(IdentifierKind.Nino, nino).Value;
        var entries = await _audit.FindBySubjectAsync(subject, after, limit, cancellationToken);
        var names = (await _catalogue.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var titles = new Dictionary<string, string?>(StringComparer.Ordinal);
        var accesses = new List<CitizenAccess>(entries.Count);
        foreach (var logged in entries)
        {
            var entry = logged.Entry;
            string? title = null;
            if (entry.AgreementId is { } agreementId && !titles.TryGetValue(agreementId, out title))
            {
                var agreement = await _agreements.GetAsync(agreementId, cancellationToken);
                title = agreement is not null && RegisterEntries.IsPublished(agreement) ? agreement.Terms.Title : null;
                titles[agreementId] = title;
            }

            var organisation = entry.OrganisationId == CitizenActor ? "You" : names.GetValueOrDefault(entry.OrganisationId, entry.OrganisationId);
            accesses.Add(new CitizenAccess(logged.Index, entry.Time, entry.OrganisationId, organisation, entry.AgreementId, title, entry.Purpose, entry.Action, entry.DatasetId, entry.Fields, entry.Outcome));
        }

        return accesses;
    }

    /// <summary>
    /// The subject access export: every current record held about the citizen in datasets with a NINO field, and
    /// their whole access history. The export is audited before it is returned.
    /// </summary>
    public async Task<JsonObject> ExportAsync(string nino, string? traceId, CancellationToken cancellationToken)
    {
        var subject = _keyer.For(IdentifierKind.Nino, nino).Value;
        var names = (await _catalogue.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var records = new JsonArray();
        var datasetIds = new List<string>();
        foreach (var dataset in await _catalogue.ListDatasetsAsync(null, cancellationToken))
        {
            var field = dataset.Schema.Fields.FirstOrDefault(f => f.Identifier == IdentifierKind.Nino);
            if (field is null)
            {
                continue;
            }

            datasetIds.Add(dataset.Id);
            foreach (var record in await FindAsync(dataset, field, nino, cancellationToken))
            {
                records.Add(new JsonObject
                {
                    ["datasetId"] = dataset.Id,
                    ["dataset"] = dataset.Title,
                    ["heldBy"] = names.GetValueOrDefault(dataset.OrganisationId, dataset.OrganisationId),
                    ["key"] = record.Key,
                    ["version"] = record.Version,
                    ["recordedAt"] = record.RecordedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["data"] = JsonNode.Parse(record.PayloadJson),
                });
            }
        }

        var accesses = new JsonArray();
        var after = -1L;
        while (accesses.Count < MaxExportAccesses)
        {
            var page = await AccessesAsync(nino, after, 500, cancellationToken);
            foreach (var access in page)
            {
                accesses.Add(JsonSerializer.SerializeToNode(access, ConcordatJson.Options));
            }

            if (page.Count < 500)
            {
                break;
            }

            after = page[^1].Index;
        }

        var now = _time.GetUtcNow();
        // The export is itself an access to the person's data: audited before the answer, like every other.
        await _audit.AppendAsync(new AuditEntry
        {
            Time = now,
            ClientId = CitizenActor,
            OrganisationId = CitizenActor,
            Purpose = SubjectAccessAction,
            Action = SubjectAccessAction,
            Fields = datasetIds,
            Outcome = AuditOutcome.Permitted,
            SubjectKeys = [subject],
            TraceId = traceId,
        }, cancellationToken);
        return new JsonObject
        {
            ["generatedAt"] = now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["nationalInsuranceNumber"] = nino,
            ["records"] = records,
            ["accesses"] = accesses,
        };
    }

    private async Task<IReadOnlyList<RecordVersion>> FindAsync(Dataset dataset, SchemaField field, string nino, CancellationToken cancellationToken)
    {
        var key = dataset.Schema.PrimaryKey;
        if (key.Count == 1 && string.Equals(key[0], field.Name, StringComparison.Ordinal))
        {
            var record = await _records.GetRecordAsync(dataset.Id, nino, cancellationToken);
            return record is { IsDeleted: false } ? [record] : [];
        }

        return await _records.FindCurrentByFieldAsync(dataset.Id, field.Name, nino, MaxRecordsPerDataset, cancellationToken);
    }
}

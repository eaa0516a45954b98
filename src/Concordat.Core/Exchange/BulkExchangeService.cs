using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Core.Quality;

namespace Concordat.Core.Exchange;

/// <summary>
/// Exchange requests over a whole dataset: bulk extracts (CSV, NDJSON, Parquet, with a manifest) and aggregate queries
/// under disclosure control. Like single look-ups, each is decided by the policy engine and audited before anything
/// is handed over. Thread safe.
/// </summary>
public sealed class BulkExchangeService
{
    /// <summary>Most fields one aggregate may group by.</summary>
    public const int MaxGroupBy = 3;

    /// <summary>Most fields one aggregate may sum.</summary>
    public const int MaxSums = 5;

    private const int PageSize = 2000;
    private static readonly IdentifierKind[] PersonIdentifiers = [IdentifierKind.Nino, IdentifierKind.NhsNumber];

    private readonly ICatalogueStore _catalogue;
    private readonly IRecordStore _records;
    private readonly AgreementService _agreements;
    private readonly IConsentStore _consents;
    private readonly IAuditLog _audit;
    private readonly SubjectKeyer _subjects;
    private readonly TimeProvider _time;
    private readonly IQualityStore? _quality;

    /// <summary>Creates the service.</summary>
    /// <param name="catalogue">Datasets and schemas.</param>
    /// <param name="records">Current records.</param>
    /// <param name="agreements">The policy engine and pseudonymisation keys.</param>
    /// <param name="consents">Consent records, where consent is the lawful basis.</param>
    /// <param name="audit">The audit log every request is appended to.</param>
    /// <param name="subjects">Keys people by identifier for the audit log.</param>
    /// <param name="time">The clock.</param>
    /// <param name="quality">Quality profiles, whose latest figures travel in an extract's manifest; optional.</param>
    public BulkExchangeService(
        ICatalogueStore catalogue, IRecordStore records, AgreementService agreements, IConsentStore consents, IAuditLog audit, SubjectKeyer subjects, TimeProvider time, IQualityStore? quality = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(time);
        _catalogue = catalogue;
        _records = records;
        _agreements = agreements;
        _consents = consents;
        _audit = audit;
        _subjects = subjects;
        _time = time;
        _quality = quality;
    }

    /// <summary>
    /// Writes every permitted record, shaped by the agreement, to <paramref name="output"/> and returns its manifest.
    /// On any error the caller must discard what was written: an extract counts only once its manifest is returned,
    /// which happens after its audit entry is durable.
    /// </summary>
    public async Task<Result<ExtractManifest>> ExtractAsync(
        ExchangeCaller caller, ExchangeScope scope, ExtractFormat format, string extractId, Stream output, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(extractId);
        ArgumentNullException.ThrowIfNull(output);
        var permit = await PermitAsync(caller, scope, "extract", scope.Fields, cancellationToken);
        if (!permit.IsSuccess)
        {
            return Result<ExtractManifest>.Failure(permit.Errors);
        }

        var (entry, obligations, dataset) = permit.Value;
        if (obligations.Mode == DisclosureMode.Aggregate)
        {
            return await RefuseAsync(caller, entry, Error.Forbidden("exchange.aggregate_only", $"Agreement '{obligations.AgreementId}' shares only aggregate figures; use an aggregate query."), cancellationToken);
        }

        var key = await ObligationKeys.UnsealAsync(_agreements, obligations, cancellationToken);
        var names = obligations.Fields.Select(f => f.Name).ToArray();
        // Typed columns (Parquet) take the schema's type; a transformed value is text, whatever the field held.
        var columns = obligations.Fields
            .Select(f => new ExtractField(f.Name, f.Transform == FieldTransform.None
                ? dataset.Schema.Fields.FirstOrDefault(s => string.Equals(s.Name, f.Name, StringComparison.Ordinal))?.Type ?? FieldType.String
                : FieldType.String, f.Transform, null))
            .ToList();
        var subjects = new HashSet<SubjectKey>();
        long rows = 0;
        string sha256;
        long bytes;
        var hashing = new HashingWriteStream(output);
        await using (hashing)
        {
            await using (var writer = ExtractWriter.Create(format, hashing, columns))
            {
                await foreach (var record in PermittedRecordsAsync(dataset, obligations, cancellationToken))
                {
                    await writer.WriteAsync(RecordShaper.Shape(record, obligations, key), cancellationToken);
                    AddSubjects(dataset, record, subjects);
                    rows++;
                }

                await writer.CompleteAsync(cancellationToken);
            }

            await hashing.FlushAsync(cancellationToken);
            sha256 = hashing.Finish();
            bytes = hashing.BytesWritten;
        }

        var receipt = await _audit.AppendAsync(entry with { Fields = names, SubjectKeys = [.. subjects] }, cancellationToken);
        var now = _time.GetUtcNow();
        var fields = obligations.Fields
            .Select(f => dataset.Schema.Fields.First(s => string.Equals(s.Name, f.Name, StringComparison.Ordinal)) is var schemaField
                ? new ExtractField(f.Name, f.Transform == FieldTransform.None ? schemaField.Type : FieldType.String, f.Transform, schemaField.Description)
                : null)
            .OfType<ExtractField>()
            .ToList();
        return new ExtractManifest(
            extractId,
            obligations.AgreementId,
            obligations.AgreementVersion,
            scope.Purpose,
            dataset.Id,
            format,
            now,
            DateOnly.FromDateTime(now.UtcDateTime).AddDays(obligations.RetentionDays),
            fields,
            rows,
            sha256,
            bytes,
            receipt.Index)
        {
            Quality = await QualityAsync(dataset.Id, names, cancellationToken),
            PseudonymKeyId = obligations.PseudonymKeyId,
        };
    }

    /// <summary>
    /// Decides again, under the agreement as it is now, whether a stored extract may still be handed to the organisation
    /// that made it, and audits the answer either way (one entry). An extract made before its agreement was suspended,
    /// revoked, expired or amended, or before its pseudonymisation key was rotated, or (consent basis) before someone in
    /// it withdrew consent, is refused; so is an unknown id. A resumed agreement permits its extracts again.
    /// </summary>
    /// <param name="caller">The consumer.</param>
    /// <param name="action">What is asked: <c>extract-download</c> (the file) or <c>extract-manifest</c>.</param>
    /// <param name="manifest">The extract's manifest, or null when the caller's organisation has no extract with that id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The manifest to answer with; not found, forbidden (policy) or conflict (the agreement or key changed).</returns>
    public async Task<Result<ExtractManifest>> ReleaseExtractAsync(ExchangeCaller caller, string action, ExtractManifest? manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrEmpty(action);
        var now = _time.GetUtcNow();
        if (manifest is null)
        {
            var unknown = ExchangeAudit.Entry(caller, new ExchangeScope("", "", "", []), action, [], now) with { DatasetId = null };
            return await RefuseAsync(caller, unknown, Error.NotFound("exchange.extract_not_found", "No extract of your organisation has that id."), cancellationToken);
        }

        var fields = manifest.Fields.Select(f => f.Name).ToArray();
        var entry = ExchangeAudit.Entry(caller, new ExchangeScope(manifest.AgreementId, manifest.Purpose, manifest.DatasetId, fields), action, fields, now);
        var decision = await _agreements.DecideAsync(
            caller.ClientId, caller.OrganisationId, manifest.AgreementId, manifest.DatasetId, fields, manifest.Purpose, null, cancellationToken);
        if (!decision.IsPermitted)
        {
            return await RefuseAsync(caller, entry, Error.Forbidden(decision.ReasonCode!, decision.Message!), cancellationToken);
        }

        var obligations = decision.Obligations!;
        entry = entry with { AgreementId = obligations.AgreementId };
        // The file was shaped under one version of the terms and one key; any change since may have narrowed what it may hold.
        if (obligations.AgreementVersion != manifest.AgreementVersion || !string.Equals(obligations.PseudonymKeyId, manifest.PseudonymKeyId, StringComparison.Ordinal))
        {
            return await RefuseAsync(caller, entry,
                Error.Conflict("exchange.extract_outdated", $"Agreement '{obligations.AgreementId}' or its pseudonymisation key has changed since the extract was made; make a new extract."),
                cancellationToken);
        }

        if (obligations.OnlyConsentingSubjects)
        {
            var records = await _consents.ListAsync(obligations.AgreementId, null, cancellationToken);
            if (records.Any(r => r.WithdrawnAt is { } withdrawn && withdrawn >= manifest.CreatedAt && withdrawn <= now))
            {
                return await RefuseAsync(caller, entry,
                    Error.Forbidden("policy.consent_withdrawn", "Someone in the extract has withdrawn consent since it was made; make a new extract."),
                    cancellationToken);
            }
        }

        await _audit.AppendAsync(entry, cancellationToken);
        return manifest;
    }

    // The dataset's latest quality figures, limited to the extracted fields, so the context travels with the data.
    private async Task<JsonObject?> QualityAsync(string datasetId, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var profiles = _quality is null ? [] : await _quality.ListProfilesAsync(datasetId, 1, cancellationToken);
        if (profiles.Count == 0)
        {
            return null;
        }

        var profile = profiles[0];
        var perField = new JsonObject();
        foreach (var field in profile.Fields.Where(f => fields.Contains(f.Name, StringComparer.Ordinal)))
        {
            perField[field.Name] = new JsonObject
            {
                ["completeness"] = field.Completeness,
                ["validity"] = field.Validity,
                ["score"] = field.Score,
            };
        }

        return new JsonObject
        {
            ["profiledAt"] = profile.ProfiledAt,
            ["rows"] = profile.Rows,
            ["score"] = profile.Score,
            ["completeness"] = profile.Completeness,
            ["duplicateKeyRate"] = profile.DuplicateKeyRate,
            ["freshnessSeconds"] = profile.FreshnessSeconds,
            ["fields"] = perField,
        };
    }

    /// <summary>Counts (and optionally sums) permitted records grouped by permitted fields, under small-cell suppression and rounding.</summary>
    /// <param name="caller">The consumer.</param>
    /// <param name="scope">Agreement, purpose and dataset; its field list is ignored.</param>
    /// <param name="groupBy">
    /// Fields to group by (0 to 3, each once), each one the agreement marks groupable and the schema still makes groupable
    /// (<see cref="FieldDisclosure.GroupingProblem"/>); its transform applies (a date of birth shared as a year groups by year).
    /// </param>
    /// <param name="sums">Numeric fields to sum per cell (at most 5, each once, none also grouped by), each shared by the agreement without transform.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The published cells and how many were suppressed; suppressed cells' labels are never returned.</returns>
    public async Task<Result<AggregateResult>> AggregateAsync(
        ExchangeCaller caller, ExchangeScope scope, IReadOnlyList<string> groupBy, IReadOnlyList<string> sums, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupBy);
        ArgumentNullException.ThrowIfNull(sums);
        var asked = groupBy.Concat(sums).Distinct(StringComparer.Ordinal).ToArray();
        var permit = await PermitAsync(caller, scope, "aggregate", asked, cancellationToken);
        if (!permit.IsSuccess)
        {
            return Result<AggregateResult>.Failure(permit.Errors);
        }

        var (entry, obligations, dataset) = permit.Value;
        if (groupBy.Count > MaxGroupBy || sums.Count > MaxSums || asked.Length == 0 || asked.Length != groupBy.Count + sums.Count)
        {
            return await RefuseAsync(caller, entry,
                Error.Validation("exchange.invalid_aggregate", $"An aggregate groups by 0 to {MaxGroupBy} fields and sums at most {MaxSums}, names at least one field, and names each field once (not both grouped and summed).", "groupBy"),
                cancellationToken);
        }

        foreach (var name in groupBy)
        {
            var permitted = Permitted(obligations, name);
            var problem = !permitted.Groupable
                ? $"agreement '{obligations.AgreementId}' does not mark it groupable."
                : dataset.Schema.Find(name) is { } field ? FieldDisclosure.GroupingProblem(field, permitted.Transform) : "the dataset no longer has it.";
            if (problem is not null)
            {
                return await RefuseAsync(caller, entry, Error.Forbidden("exchange.not_groupable", $"Field '{name}' cannot be grouped by: {problem}"), cancellationToken);
            }
        }

        foreach (var sum in sums)
        {
            var problem = dataset.Schema.Find(sum) is { } field ? FieldDisclosure.SummingProblem(field, Permitted(obligations, sum).Transform) : "the dataset no longer has it.";
            if (problem is not null)
            {
                return await RefuseAsync(caller, entry, Error.Validation("exchange.not_summable", $"Field '{sum}' cannot be summed: {problem}", "sums"), cancellationToken);
            }
        }

        var key = await ObligationKeys.UnsealAsync(_agreements, obligations, cancellationToken);
        var transforms = groupBy.Select(g => Permitted(obligations, g).Transform).ToArray();
        var rows = new List<(IReadOnlyList<string?> Group, IReadOnlyList<decimal?> Measures)>();
        await foreach (var record in PermittedRecordsAsync(dataset, obligations, cancellationToken))
        {
            var group = new string?[groupBy.Count];
            for (var i = 0; i < group.Length; i++)
            {
                group[i] = FieldTransforms.Apply(transforms[i], RecordShaper.Text(record[groupBy[i]]), key);
            }

            var measures = new decimal?[sums.Count];
            for (var i = 0; i < measures.Length; i++)
            {
                measures[i] = RecordShaper.Number(record[sums[i]]);
            }

            rows.Add((group, measures));
        }

        var table = AggregateDisclosure.Apply(AggregateDisclosure.Group(rows), obligations.Suppression ?? SuppressionRules.Default);
        // Aggregates disclose no one individually, so the entry names no subjects.
        var result = new AggregateResult(obligations.AgreementId, groupBy, sums, AggregateDisclosure.Publish(table), -1);
        var receipt = await _audit.AppendAsync(ExchangeAudit.Sealed(caller, entry with { Fields = asked }, new ExchangeAnswer(result, null)), cancellationToken);
        return result with { AuditIndex = receipt.Index };
    }

    private static PermittedField Permitted(Obligations obligations, string name) =>
        obligations.Fields.First(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    private async Task<Result<(AuditEntry Entry, Obligations Obligations, Dataset Dataset)>> PermitAsync(
        ExchangeCaller caller, ExchangeScope scope, string action, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(scope);
        var entry = ExchangeAudit.Entry(caller, scope, action, fields, _time.GetUtcNow());
        var decision = await _agreements.DecideAsync(
            caller.ClientId, caller.OrganisationId, scope.AgreementId ?? "", scope.DatasetId ?? "", fields, scope.Purpose ?? "", null, cancellationToken);
        if (!decision.IsPermitted)
        {
            return await RefuseAsync(caller, entry, Error.Forbidden(decision.ReasonCode!, decision.Message!), cancellationToken);
        }

        entry = entry with { AgreementId = decision.Obligations!.AgreementId };
        var dataset = await _catalogue.GetDatasetAsync(scope.DatasetId!, cancellationToken);
        if (dataset is null)
        {
            return await RefuseAsync(caller, entry, Error.NotFound("exchange.dataset_not_found", $"Dataset '{scope.DatasetId}' does not exist."), cancellationToken);
        }

        return (entry, decision.Obligations, dataset);
    }

    // Current records that pass the agreement's row filters and, where the lawful basis is consent, belong to people
    // whose consent stands now.
    private async IAsyncEnumerable<JsonObject> PermittedRecordsAsync(
        Dataset dataset, Obligations obligations, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        IReadOnlySet<string>? consenting = obligations.OnlyConsentingSubjects
            ? await _consents.ConsentingSubjectsAsync(obligations.AgreementId, now, cancellationToken)
            : null;
        var subjectField = dataset.Schema.Fields.FirstOrDefault(f => PersonIdentifiers.Contains(f.Identifier))?.Name;
        string? after = null;
        while (true)
        {
            var page = await _records.ListRecordsAsync(dataset.Id, after, PageSize, cancellationToken);
            foreach (var version in page)
            {
                var record = RecordShaper.Parse(version.PayloadJson);
                if (!RecordShaper.PassesFilters(record, obligations, today))
                {
                    continue;
                }

                if (consenting is not null
                    && (subjectField is null || RecordShaper.Text(record[subjectField]) is not { } subject || !consenting.Contains(subject)))
                {
                    continue;
                }

                yield return record;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Key;
        }
    }

    private void AddSubjects(Dataset dataset, JsonObject record, HashSet<SubjectKey> subjects)
    {
        foreach (var field in dataset.Schema.Fields)
        {
            if (PersonIdentifiers.Contains(field.Identifier) && RecordShaper.Text(record[field.Name]) is { } value
                && _subjects.For(field.Identifier, value) is { IsSuccess: true } key)
            {
                subjects.Add(key.Value);
            }
        }
    }

    private Task<Error> RefuseAsync(ExchangeCaller caller, AuditEntry entry, Error error, CancellationToken cancellationToken) =>
        ExchangeAudit.RefuseAsync(_audit, caller, entry, error, cancellationToken);
}

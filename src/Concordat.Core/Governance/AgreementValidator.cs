using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Standards;

namespace Concordat.Core.Governance;

/// <summary>
/// Turns a draft into complete, consistent <see cref="AgreementTerms"/>, or explains every missing or inconsistent
/// element (each error names its target, e.g. <c>datasets[0].fields[2].name</c>). Pure: the catalogue is reached
/// through the look-ups passed in.
/// </summary>
public static class AgreementValidator
{
    /// <summary>The longest retention the hub accepts: ten years.</summary>
    public const int MaxRetentionDays = 3653;

    /// <summary>Validates a draft against the catalogue.</summary>
    /// <param name="draft">The draft.</param>
    /// <param name="findDataset">Finds a dataset by id, or null.</param>
    /// <param name="organisationExists">Whether an organisation id is registered.</param>
    public static Result<AgreementTerms> Validate(AgreementDraft draft, Func<string, Dataset?> findDataset, Func<string, bool> organisationExists)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(findDataset);
        ArgumentNullException.ThrowIfNull(organisationExists);
        var errors = new List<Error>();
        Text(errors, draft.Title, "title", 200);
        Organisation(errors, draft.ProviderOrganisationId, "providerOrganisationId", organisationExists);
        Organisation(errors, draft.ConsumerOrganisationId, "consumerOrganisationId", organisationExists);
        if (draft.ProviderOrganisationId is { } p && string.Equals(p, draft.ConsumerOrganisationId, StringComparison.Ordinal))
        {
            errors.Add(Error.Validation("agreement.same_parties", "The provider and consumer must be different organisations.", "consumerOrganisationId"));
        }

        Text(errors, draft.Purpose, "purpose", 2000);
        if (string.IsNullOrWhiteSpace(draft.PurposeCode))
        {
            errors.Add(Error.Validation("agreement.required", "purposeCode is required.", "purposeCode"));
        }
        else if (!PurposeCodes.IsKnown(draft.PurposeCode))
        {
            errors.Add(Error.Validation("agreement.unknown_purpose_code", $"purposeCode '{draft.PurposeCode}' is not in the list: {string.Join(", ", PurposeCodes.All.Select(c => c.Code))}.", "purposeCode"));
        }

        Required(errors, draft.LawfulBasis, "lawfulBasis", "the UK GDPR Article 6 lawful basis");
        Text(errors, draft.LegalGateway, "legalGateway", 500);
        Required(errors, draft.DisclosureMode, "disclosureMode", "identified, pseudonymised or aggregate");
        Required(errors, draft.Frequency, "frequency", "how often data is shared");
        if (draft.RetentionDays is not { } retention)
        {
            errors.Add(Error.Validation("agreement.required", "retentionDays is required: how long the consumer may keep its copy.", "retentionDays"));
        }
        else if (retention < 1 || retention > MaxRetentionDays)
        {
            errors.Add(Error.Validation("agreement.invalid_retention", $"retentionDays must be between 1 and {MaxRetentionDays}.", "retentionDays"));
        }

        Required(errors, draft.StartDate, "startDate", "the first day of sharing");
        Required(errors, draft.EndDate, "endDate", "the day the agreement expires");
        if (draft.StartDate is { } start && draft.EndDate is { } end && end <= start)
        {
            errors.Add(Error.Validation("agreement.end_before_start", $"endDate {IsoDate.FormatDate(end)} must be after startDate {IsoDate.FormatDate(start)}.", "endDate"));
        }

        var datasets = Datasets(errors, draft, findDataset, out var personal, out var special);
        if (special && draft.SpecialCategoryCondition is null)
        {
            errors.Add(Error.Validation("agreement.article9_required", "A shared field is special category data, so specialCategoryCondition (a UK GDPR Article 9 condition) is required.", "specialCategoryCondition"));
        }
        else if (!special && draft.SpecialCategoryCondition is not null)
        {
            errors.Add(Error.Validation("agreement.article9_unneeded", "specialCategoryCondition is set but no shared field is special category data; remove it.", "specialCategoryCondition"));
        }

        if (personal && string.IsNullOrWhiteSpace(draft.DpiaReference))
        {
            errors.Add(Error.Validation("agreement.dpia_required", "Personal data is shared, so dpiaReference (the data protection impact assessment) is required.", "dpiaReference"));
        }
        else if (draft.DpiaReference is { Length: > 200 })
        {
            errors.Add(Error.Validation("agreement.too_long", "dpiaReference must be at most 200 characters.", "dpiaReference"));
        }

        Contacts(errors, draft);
        if (errors.Count > 0)
        {
            return Result<AgreementTerms>.Failure(errors);
        }

        return new AgreementTerms
        {
            Title = draft.Title!.Trim(),
            ProviderOrganisationId = draft.ProviderOrganisationId!,
            ConsumerOrganisationId = draft.ConsumerOrganisationId!,
            Datasets = datasets,
            Purpose = draft.Purpose!.Trim(),
            PurposeCode = draft.PurposeCode!,
            LawfulBasis = draft.LawfulBasis!.Value,
            SpecialCategoryCondition = draft.SpecialCategoryCondition,
            LegalGateway = draft.LegalGateway!.Trim(),
            DisclosureMode = draft.DisclosureMode!.Value,
            RetentionDays = draft.RetentionDays!.Value,
            Frequency = draft.Frequency!.Value,
            StartDate = draft.StartDate!.Value,
            EndDate = draft.EndDate!.Value,
            DpiaReference = string.IsNullOrWhiteSpace(draft.DpiaReference) ? null : draft.DpiaReference.Trim(),
            Contacts = draft.Contacts ?? [],
        };
    }

    private static List<AgreementDataset> Datasets(List<Error> errors, AgreementDraft draft, Func<string, Dataset?> findDataset, out bool personal, out bool special)
    {
        personal = false;
        special = false;
        var result = new List<AgreementDataset>();
        if (draft.Datasets is not { Count: > 0 })
        {
            errors.Add(Error.Validation("agreement.required", "datasets is required: at least one dataset with the exact fields to share.", "datasets"));
            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < draft.Datasets.Count; d++)
        {
            var entry = draft.Datasets[d];
            var target = $"datasets[{d}]";
            if (entry is null || string.IsNullOrWhiteSpace(entry.DatasetId))
            {
                errors.Add(Error.Validation("agreement.required", $"{target}.datasetId is required.", target + ".datasetId"));
                continue;
            }

            if (!seen.Add(entry.DatasetId))
            {
                errors.Add(Error.Validation("agreement.duplicate_dataset", $"Dataset '{entry.DatasetId}' is listed twice.", target + ".datasetId"));
                continue;
            }

            var dataset = findDataset(entry.DatasetId);
            if (dataset is null)
            {
                errors.Add(Error.Validation("agreement.unknown_dataset", $"No dataset '{entry.DatasetId}'.", target + ".datasetId"));
                continue;
            }

            if (draft.ProviderOrganisationId is not null && !string.Equals(dataset.OrganisationId, draft.ProviderOrganisationId, StringComparison.Ordinal))
            {
                errors.Add(Error.Validation("agreement.dataset_not_provider", $"Dataset '{dataset.Id}' belongs to '{dataset.OrganisationId}', not to the provider '{draft.ProviderOrganisationId}'.", target + ".datasetId"));
            }

            var fields = Fields(errors, entry, dataset, draft.DisclosureMode, target, ref personal, ref special);
            var filters = Filters(errors, entry, dataset, target);
            if (fields is not null && filters is not null)
            {
                result.Add(new AgreementDataset(dataset.Id, fields, filters));
            }
        }

        return result;
    }

    private static List<AgreementField>? Fields(List<Error> errors, AgreementDatasetDraft entry, Dataset dataset, DisclosureMode? mode, string target, ref bool personal, ref bool special)
    {
        if (entry.Fields is not { Count: > 0 })
        {
            errors.Add(Error.Validation("agreement.required", $"{target}.fields is required: name each field to share.", target + ".fields"));
            return null;
        }

        var ok = true;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var fields = new List<AgreementField>();
        for (var f = 0; f < entry.Fields.Count; f++)
        {
            var field = entry.Fields[f];
            var fieldTarget = $"{target}.fields[{f}]";
            if (field is null || string.IsNullOrWhiteSpace(field.Name))
            {
                errors.Add(Error.Validation("agreement.required", $"{fieldTarget}.name is required.", fieldTarget + ".name"));
                ok = false;
                continue;
            }

            var schemaField = dataset.Schema.Find(field.Name);
            if (schemaField is null)
            {
                errors.Add(Error.Validation("agreement.unknown_field", $"Dataset '{dataset.Id}' has no field '{field.Name}'.", fieldTarget + ".name"));
                ok = false;
                continue;
            }

            if (!names.Add(field.Name))
            {
                errors.Add(Error.Validation("agreement.duplicate_field", $"Field '{field.Name}' of dataset '{dataset.Id}' is listed twice.", fieldTarget + ".name"));
                ok = false;
                continue;
            }

            personal |= schemaField.PersonalData != PersonalDataCategory.None;
            special |= schemaField.PersonalData == PersonalDataCategory.SpecialCategory;
            if (TransformProblem(field.Transform, schemaField, mode) is { } problem)
            {
                errors.Add(Error.Validation("agreement.invalid_transform", $"Field '{field.Name}' of dataset '{dataset.Id}': {problem}", fieldTarget + ".transform"));
                ok = false;
                continue;
            }

            if (mode == DisclosureMode.Pseudonymised && FieldDisclosure.IdentifiesInSharedForm(schemaField, field.Transform))
            {
                errors.Add(Error.Validation(
                    "agreement.identifier_in_clear",
                    $"Field '{field.Name}' of dataset '{dataset.Id}' is a direct identifier; in pseudonymised mode it must be pseudonymised{Generalisation(schemaField)}, or left out.",
                    fieldTarget + ".transform"));
                ok = false;
                continue;
            }

            if (field.Groupable && FieldDisclosure.GroupingProblem(schemaField, field.Transform) is { } grouping)
            {
                errors.Add(Error.Validation("agreement.not_groupable", $"Field '{field.Name}' of dataset '{dataset.Id}' cannot be groupable: {grouping}", fieldTarget + ".groupable"));
                ok = false;
                continue;
            }

            if (mode == DisclosureMode.Aggregate && !field.Groupable && FieldDisclosure.SummingProblem(schemaField, field.Transform) is not null)
            {
                errors.Add(Error.Validation(
                    "agreement.aggregate_field_unused",
                    $"Field '{field.Name}' of dataset '{dataset.Id}': in aggregate mode a field is shared only to group by (mark it groupable) or to sum (a number shared as it is).",
                    fieldTarget));
                ok = false;
                continue;
            }

            fields.Add(field);
        }

        return ok ? fields : null;
    }

    private static string? TransformProblem(FieldTransform transform, SchemaField field, DisclosureMode? mode)
    {
        var isDate = field.Type is FieldType.Date or FieldType.DateTime;
        switch (transform)
        {
            case FieldTransform.DateToYear or FieldTransform.DateToMonth when !isDate:
                return $"{transform} needs a date field, but the field is {field.Type}.";
            case FieldTransform.PostcodeDistrict or FieldTransform.PostcodeSector when field.Identifier != IdentifierKind.Postcode:
                return $"{transform} needs a postcode field.";
            case FieldTransform.Pseudonymise when mode != DisclosureMode.Pseudonymised:
                return "pseudonymise is only allowed in pseudonymised disclosure mode.";
            default:
                return null;
        }
    }

    private static string Generalisation(SchemaField field) => field switch
    {
        { Identifier: IdentifierKind.Postcode } => " or generalised (postcodeDistrict, postcodeSector)",
        { Identifier: IdentifierKind.None, Type: FieldType.Date or FieldType.DateTime } => " or generalised (dateToYear, dateToMonth)",
        _ => string.Empty,
    };

    private static List<RowFilter>? Filters(List<Error> errors, AgreementDatasetDraft entry, Dataset dataset, string target)
    {
        var filters = new List<RowFilter>();
        var ok = true;
        var drafted = entry.RowFilters ?? [];
        for (var i = 0; i < drafted.Count; i++)
        {
            var filter = drafted[i];
            var filterTarget = $"{target}.rowFilters[{i}]";
            if (filter is null || string.IsNullOrWhiteSpace(filter.Field) || filter.Value is null)
            {
                errors.Add(Error.Validation("agreement.required", $"{filterTarget} needs field, operator and value.", filterTarget));
                ok = false;
                continue;
            }

            var schemaField = dataset.Schema.Find(filter.Field);
            if (schemaField is null)
            {
                errors.Add(Error.Validation("agreement.unknown_field", $"Dataset '{dataset.Id}' has no field '{filter.Field}' to filter on.", filterTarget + ".field"));
                ok = false;
                continue;
            }

            if (FilterProblem(filter, schemaField) is { } problem)
            {
                errors.Add(Error.Validation("agreement.invalid_row_filter", $"Row filter on '{filter.Field}': {problem}", filterTarget + ".value"));
                ok = false;
                continue;
            }

            filters.Add(filter);
        }

        return ok ? filters : null;
    }

    private static string? FilterProblem(RowFilter filter, SchemaField field)
    {
        var isDate = field.Type is FieldType.Date or FieldType.DateTime;
        if (filter.Operator is RowFilterOperator.AgeAtLeast or RowFilterOperator.AgeUnder)
        {
            if (!isDate)
            {
                return "age operators need a date field such as a date of birth.";
            }

            return int.TryParse(filter.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years is >= 0 and <= 150
                ? null
                : "the value must be whole years between 0 and 150.";
        }

        return field.Type switch
        {
            FieldType.Integer or FieldType.Number when !decimal.TryParse(filter.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) =>
                "the value must be a number.",
            FieldType.Date or FieldType.DateTime when !IsoDate.TryParseDate(filter.Value, out _) => "the value must be an ISO 8601 date.",
            _ => null,
        };
    }

    private static void Contacts(List<Error> errors, AgreementDraft draft)
    {
        if (draft.Contacts is not { Count: > 0 })
        {
            errors.Add(Error.Validation("agreement.required", "contacts is required: at least one contact for the provider and one for the consumer.", "contacts"));
            return;
        }

        for (var i = 0; i < draft.Contacts.Count; i++)
        {
            var contact = draft.Contacts[i];
            var target = $"contacts[{i}]";
            if (contact is null)
            {
                errors.Add(Error.Validation("agreement.required", $"{target} is empty.", target));
                continue;
            }

            if (!string.Equals(contact.OrganisationId, draft.ProviderOrganisationId, StringComparison.Ordinal)
                && !string.Equals(contact.OrganisationId, draft.ConsumerOrganisationId, StringComparison.Ordinal))
            {
                errors.Add(Error.Validation("agreement.contact_organisation", $"{target}.organisationId must be the provider or the consumer.", target + ".organisationId"));
            }

            Text(errors, contact.Role, target + ".role", 100);
            Text(errors, contact.Name, target + ".name", 200);
            if (!EmailAddress.IsValid(contact.Email))
            {
                errors.Add(Error.Validation("agreement.invalid_email", $"{target}.email must be an e-mail address.", target + ".email"));
            }
        }

        foreach (var (party, target) in new[] { (draft.ProviderOrganisationId, "provider"), (draft.ConsumerOrganisationId, "consumer") })
        {
            if (party is not null && !draft.Contacts.Any(c => c is not null && string.Equals(c.OrganisationId, party, StringComparison.Ordinal)))
            {
                errors.Add(Error.Validation("agreement.contact_missing", $"contacts needs at least one contact for the {target} '{party}'.", "contacts"));
            }
        }
    }

    private static void Organisation(List<Error> errors, string? id, string target, Func<string, bool> exists)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(Error.Validation("agreement.required", $"{target} is required.", target));
        }
        else if (!exists(id))
        {
            errors.Add(Error.Validation("agreement.unknown_organisation", $"No organisation '{id}'.", target));
        }
    }

    private static void Text(List<Error> errors, string? value, string target, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Error.Validation("agreement.required", $"{target} is required.", target));
        }
        else if (value.Length > maxLength)
        {
            errors.Add(Error.Validation("agreement.too_long", $"{target} must be at most {maxLength} characters.", target));
        }
    }

    private static void Required<T>(List<Error> errors, T? value, string target, string what)
        where T : struct
    {
        if (value is null)
        {
            errors.Add(Error.Validation("agreement.required", $"{target} is required: {what}.", target));
        }
    }
}

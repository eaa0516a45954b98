using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Portal.Forms;

namespace Concordat.Server.Portal.Drafts;

/// <summary>
/// Reads one section's form into a working draft. Only what a person could not have meant is refused here (a date
/// that is not a date, a number that is not a number), and the value before is kept; everything else goes into the
/// draft as typed, for <see cref="AgreementValidator"/> to judge.
/// </summary>
internal static class DraftForm
{
    /// <summary>The form field names of a contact: <c>contact-{index}-{member}</c>, provider at 0 and consumer at 1.</summary>
    public static string Contact(int index, string member) => $"contact-{index.ToString(CultureInfo.InvariantCulture)}-{member}";

    /// <summary>Applies a section's form; problems reading it are added to <paramref name="errors"/>.</summary>
    public static WorkingDraft Apply(DraftSection section, WorkingDraft draft, IFormCollection form, IReadOnlyDictionary<string, Dataset> datasets, FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(errors);
        var terms = draft.Draft;
        switch (section)
        {
            case DraftSection.Parties:
                return Parties(draft, form, datasets);
            case DraftSection.Purpose:
                return draft with
                {
                    Draft = terms with
                    {
                        Purpose = Text(form, "purpose"),
                        PurposeCode = Text(form, "purpose-code"),
                        LawfulBasis = EnumOf<LawfulBasis>(form, "lawful-basis"),
                        SpecialCategoryCondition = EnumOf<SpecialCategoryCondition>(form, "special-category"),
                    },
                };
            case DraftSection.Gateway:
                return draft with { Draft = terms with { LegalGateway = Text(form, "legal-gateway") } };
            case DraftSection.Datasets:
                return Datasets(draft, form, datasets);
            case DraftSection.Filters:
                return Filters(draft, form, datasets, errors);
            case DraftSection.Dates:
                return Dates(draft, form, errors);
            default:
                return Dpia(draft, form);
        }
    }

    private static WorkingDraft Parties(WorkingDraft draft, IFormCollection form, IReadOnlyDictionary<string, Dataset> datasets)
    {
        var terms = draft.Draft with { Title = Text(form, "title") };
        if (draft.Amends)
        {
            // An amendment cannot change the parties (the workflow refuses it), so only the title is read.
            return draft with { Draft = terms };
        }

        var provider = Text(form, "provider");
        var kept = terms.Datasets?.Where(d => d.DatasetId is not null && datasets.TryGetValue(d.DatasetId, out var dataset) && dataset.OrganisationId == provider).ToList();
        return draft with
        {
            AgreementId = Text(form, "agreement-id")?.ToLowerInvariant(),
            Draft = terms with
            {
                ProviderOrganisationId = provider,
                ConsumerOrganisationId = Text(form, "consumer"),
                // Datasets of another provider can never be shared under this agreement.
                Datasets = kept,
            },
        };
    }

    private static WorkingDraft Datasets(WorkingDraft draft, IFormCollection form, IReadOnlyDictionary<string, Dataset> datasets)
    {
        var shared = form["share"].OfType<string>().ToHashSet(StringComparer.Ordinal);
        var chosen = new List<AgreementDatasetDraft>();
        foreach (var dataset in datasets.Values.Where(d => d.OrganisationId == draft.Draft.ProviderOrganisationId).OrderBy(d => d.Title, StringComparer.CurrentCulture))
        {
            var fields = new List<AgreementField>();
            foreach (var field in dataset.Schema.Fields)
            {
                var key = dataset.Id + "/" + field.Name;
                if (!shared.Contains(key))
                {
                    continue;
                }

                var transform = Enum.TryParse<FieldTransform>(form["transform:" + key].ToString(), out var parsed) && Enum.IsDefined(parsed) ? parsed : FieldTransform.None;
                fields.Add(new AgreementField(field.Name, transform));
            }

            if (fields.Count > 0)
            {
                var filters = draft.Draft.Datasets?.FirstOrDefault(d => d.DatasetId == dataset.Id)?.RowFilters;
                chosen.Add(new AgreementDatasetDraft(dataset.Id, fields, filters));
            }
        }

        return draft with { Draft = draft.Draft with { DisclosureMode = EnumOf<DisclosureMode>(form, "disclosure-mode"), Datasets = chosen } };
    }

    private static WorkingDraft Filters(WorkingDraft draft, IFormCollection form, IReadOnlyDictionary<string, Dataset> datasets, FormErrors errors)
    {
        var list = (draft.Draft.Datasets ?? []).ToList();
        if (Text(form, "remove") is { } remove)
        {
            var parts = remove.Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d < list.Count
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var f) && list[d].RowFilters is { } filters && f < filters.Count)
            {
                list[d] = list[d] with { RowFilters = filters.Where((_, i) => i != f).ToList() };
            }

            return draft with { Draft = draft.Draft with { Datasets = list } };
        }

        var target = Text(form, "filter-field");
        var slash = target?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        var index = slash > 0 ? list.FindIndex(d => d.DatasetId == target![..slash]) : -1;
        var field = slash > 0 ? target![(slash + 1)..] : null;
        if (index < 0 || field is null || !datasets.TryGetValue(list[index].DatasetId!, out var dataset) || dataset.Schema.Find(field) is null)
        {
            errors.Add("filter-field", "Select the field the condition is about");
        }

        var op = EnumOf<RowFilterOperator>(form, "filter-operator");
        if (op is null)
        {
            errors.Add("filter-operator", "Select how the field is compared");
        }

        var value = Text(form, "filter-value");
        if (value is null)
        {
            errors.Add("filter-value", "Enter the value the field is compared with");
        }

        if (errors.Any)
        {
            return draft;
        }

        var entry = list[index];
        list[index] = entry with { RowFilters = [.. entry.RowFilters ?? [], new RowFilter(field!, op!.Value, value!)] };
        return draft with { Draft = draft.Draft with { Datasets = list } };
    }

    private static WorkingDraft Dates(WorkingDraft draft, IFormCollection form, FormErrors errors)
    {
        var terms = draft.Draft;
        int? retention = terms.RetentionDays;
        var retentionText = Text(form, "retention");
        if (retentionText is null)
        {
            retention = null;
        }
        else if (int.TryParse(retentionText, NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            retention = days;
        }
        else
        {
            errors.Add("retention", "Enter the number of days as a whole number, like 90");
        }

        return draft with
        {
            Draft = terms with
            {
                RetentionDays = retention,
                Frequency = EnumOf<SharingFrequency>(form, "frequency"),
                StartDate = Date(form, "start-date", "start date", terms.StartDate, errors),
                EndDate = Date(form, "end-date", "end date", terms.EndDate, errors),
            },
        };
    }

    private static WorkingDraft Dpia(WorkingDraft draft, IFormCollection form)
    {
        var terms = draft.Draft;
        var contacts = new List<AgreementContact>(2);
        var parties = new[] { terms.ProviderOrganisationId, terms.ConsumerOrganisationId };
        for (var i = 0; i < parties.Length; i++)
        {
            contacts.Add(new AgreementContact(parties[i] ?? "", Text(form, Contact(i, "role")) ?? "", Text(form, Contact(i, "name")) ?? "", Text(form, Contact(i, "email")) ?? ""));
        }

        return draft with { Draft = terms with { DpiaReference = Text(form, "dpia"), Contacts = contacts } };
    }

    private static DateOnly? Date(IFormCollection form, string id, string name, DateOnly? before, FormErrors errors)
    {
        var day = Text(form, id + "-day");
        var month = Text(form, id + "-month");
        var year = Text(form, id + "-year");
        if (day is null && month is null && year is null)
        {
            return null;
        }

        if (day is null || month is null || year is null)
        {
            errors.Add(id, $"The {name} must include a day, month and year");
            return before;
        }

        if (int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && y is >= 1900 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            return new DateOnly(y, m, d);
        }

        errors.Add(id, $"The {name} must be a real date");
        return before;
    }

    /// <summary>The trimmed value of a form field, or null when it is empty.</summary>
    public static string? Text(IFormCollection form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        var value = form[name].ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    private static T? EnumOf<T>(IFormCollection form, string name)
        where T : struct, Enum =>
        Enum.TryParse<T>(form[name].ToString(), out var value) && Enum.IsDefined(value) && !int.TryParse(form[name].ToString(), out _) ? value : null;
}

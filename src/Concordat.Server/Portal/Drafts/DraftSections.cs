using System.Text.RegularExpressions;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;

namespace Concordat.Server.Portal.Drafts;

/// <summary>
/// Where each term lives in the task list: section names and titles, each validator target located to its section and
/// input id, and each section's status worked out from the draft and the validator's errors.
/// </summary>
internal static partial class DraftSections
{
    /// <summary>Every section in task list order.</summary>
    public static IReadOnlyList<DraftSection> All { get; } = Enum.GetValues<DraftSection>();

    /// <summary>The section's address segment.</summary>
    public static string Slug(DraftSection section) => section.ToString().ToLowerInvariant();

    /// <summary>The section for an address segment, or null.</summary>
    public static DraftSection? FromSlug(string? slug) => All.Where(s => Slug(s) == slug).Select(s => (DraftSection?)s).FirstOrDefault();

    /// <summary>The section's title in the task list and as its page heading.</summary>
    public static string Title(DraftSection section) => section switch
    {
        DraftSection.Parties => "Parties and title",
        DraftSection.Purpose => "Purpose and lawful basis",
        DraftSection.Gateway => "Legal gateway",
        DraftSection.Datasets => "Datasets, fields and how they are disclosed",
        DraftSection.Filters => "Which records are shared",
        DraftSection.Dates => "Retention and dates",
        _ => "Impact assessment and contacts",
    };

    /// <summary>A short hint under the section's name in the task list.</summary>
    public static string Hint(DraftSection section) => section switch
    {
        DraftSection.Parties => "Who provides the data, who receives it, and what the agreement is called",
        DraftSection.Purpose => "Why the data is shared and the UK GDPR basis for it",
        DraftSection.Gateway => "The law that lets the provider share",
        DraftSection.Datasets => "Exactly which fields, generalised how, identified, pseudonymised or as counts",
        DraftSection.Filters => "Optional conditions, such as only people aged 65 or over",
        DraftSection.Dates => "How long the consumer keeps its copy, how often and for how long data is shared",
        _ => "The data protection impact assessment and who to contact at each party",
    };

    /// <summary>An input id made of parts: letters and digits kept, anything else a hyphen.</summary>
    public static string Id(params string[] parts) => string.Join('-', parts.Select(p => NotIdCharacter().Replace(p, "-")));

    /// <summary>
    /// Where a validator error belongs: the section and the id of the input it is about. A target naming a dataset,
    /// field or filter by position is resolved through the draft, so the link lands on that dataset's or field's input.
    /// </summary>
    public static (DraftSection Section, string FieldId) Locate(string? target, AgreementDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        switch (target)
        {
            case "id":
                return (DraftSection.Parties, "agreement-id");
            case "title":
                return (DraftSection.Parties, "title");
            case "providerOrganisationId":
                return (DraftSection.Parties, "provider");
            case "consumerOrganisationId":
                return (DraftSection.Parties, "consumer");
            case "purpose":
                return (DraftSection.Purpose, "purpose");
            case "purposeCode":
                return (DraftSection.Purpose, "purpose-code");
            case "lawfulBasis":
                return (DraftSection.Purpose, "lawful-basis");
            case "specialCategoryCondition":
                return (DraftSection.Purpose, "special-category");
            case "legalGateway":
                return (DraftSection.Gateway, "legal-gateway");
            case "disclosureMode":
                return (DraftSection.Datasets, "disclosure-mode");
            case "datasets":
                return (DraftSection.Datasets, "datasets");
            case "retentionDays":
                return (DraftSection.Dates, "retention");
            case "frequency":
                return (DraftSection.Dates, "frequency");
            case "startDate":
                return (DraftSection.Dates, "start-date");
            case "endDate":
                return (DraftSection.Dates, "end-date");
            case "dpiaReference":
                return (DraftSection.Dpia, "dpia");
            case "contacts":
                return (DraftSection.Dpia, "contact-0-name");
            case null:
                return (DraftSection.Parties, "title");
            default:
                break;
        }

        var contact = ContactTarget().Match(target);
        if (contact.Success)
        {
            var member = contact.Groups[2].Success ? contact.Groups[2].Value : "name";
            return (DraftSection.Dpia, $"contact-{contact.Groups[1].Value}-{(member == "organisationId" ? "name" : member)}");
        }

        var dataset = DatasetTarget().Match(target);
        if (!dataset.Success)
        {
            return (DraftSection.Parties, "title");
        }

        var index = int.Parse(dataset.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var entry = draft.Datasets is { } list && index < list.Count ? list[index] : null;
        var datasetId = entry?.DatasetId ?? "";
        var rest = dataset.Groups[2].Value;
        var field = FieldTarget().Match(rest);
        if (field.Success)
        {
            var fieldIndex = int.Parse(field.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var name = entry?.Fields is { } fields && fieldIndex < fields.Count ? fields[fieldIndex]?.Name ?? "" : "";
            var input = field.Groups[2].Value switch
            {
                "transform" => "transform",
                "groupable" => "groupable",
                _ => "field",
            };
            return (DraftSection.Datasets, Id(input, datasetId, name));
        }

        var filter = FilterTarget().Match(rest);
        if (filter.Success)
        {
            return (DraftSection.Filters, Id("filter", datasetId, filter.Groups[1].Value));
        }

        // The dataset itself, or its list of fields: the link lands on the dataset's group of fields.
        return (DraftSection.Datasets, Id("dataset", datasetId));
    }

    /// <summary>The status of <paramref name="section"/> of <paramref name="draft"/>, given every problem found in the draft.</summary>
    public static DraftTaskStatus Status(DraftSection section, WorkingDraft draft, IReadOnlyList<Error> problems)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(problems);
        var terms = draft.Draft;
        if (section == DraftSection.Datasets && string.IsNullOrEmpty(terms.ProviderOrganisationId))
        {
            return DraftTaskStatus.CannotStartYet;
        }

        if (section == DraftSection.Filters && terms.Datasets is not { Count: > 0 })
        {
            return DraftTaskStatus.CannotStartYet;
        }

        var started = section switch
        {
            DraftSection.Parties => terms.Title is not null || terms.ProviderOrganisationId is not null || terms.ConsumerOrganisationId is not null,
            DraftSection.Purpose => terms.Purpose is not null || terms.PurposeCode is not null || terms.LawfulBasis is not null,
            DraftSection.Gateway => terms.LegalGateway is not null,
            DraftSection.Datasets => terms.DisclosureMode is not null || terms.Datasets is { Count: > 0 },
            DraftSection.Filters => terms.Datasets!.Any(d => d.RowFilters is { Count: > 0 }),
            DraftSection.Dates => terms.RetentionDays is not null || terms.Frequency is not null || terms.StartDate is not null || terms.EndDate is not null,
            _ => terms.DpiaReference is not null || terms.Contacts is { Count: > 0 },
        };
        if (!started)
        {
            return section == DraftSection.Filters ? DraftTaskStatus.Optional : DraftTaskStatus.NotYetStarted;
        }

        return problems.Any(p => Locate(p.Target, terms).Section == section) ? DraftTaskStatus.InProgress : DraftTaskStatus.Completed;
    }

    /// <summary>
    /// Every problem with the draft: the agreement validator's, against the catalogue, plus the reference checks of a
    /// new agreement (a slug, not taken).
    /// </summary>
    public static IReadOnlyList<Error> Problems(WorkingDraft draft, IReadOnlyDictionary<string, Dataset> datasets, IReadOnlySet<string> organisations, bool referenceTaken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<Error>();
        if (!draft.Amends)
        {
            if (string.IsNullOrWhiteSpace(draft.AgreementId))
            {
                problems.Add(Error.Validation("agreement.required", "Enter a reference for the agreement", "id"));
            }
            else if (!SchemaRules.IsValidSlug(draft.AgreementId))
            {
                problems.Add(Error.Validation("agreement.invalid_id", "The reference must be 2 to 64 lower-case letters, digits and hyphens, starting with a letter", "id"));
            }
            else if (referenceTaken)
            {
                problems.Add(Error.Validation("agreement.exists", "An agreement with this reference already exists; choose another", "id"));
            }
        }

        var validated = AgreementValidator.Validate(draft.Draft, id => datasets.GetValueOrDefault(id), organisations.Contains);
        if (!validated.IsSuccess)
        {
            problems.AddRange(validated.Errors);
        }

        return problems;
    }

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NotIdCharacter();

    [GeneratedRegex(@"^contacts\[(\d+)\](?:\.(\w+))?$")]
    private static partial Regex ContactTarget();

    [GeneratedRegex(@"^datasets\[(\d+)\](.*)$")]
    private static partial Regex DatasetTarget();

    [GeneratedRegex(@"^\.fields\[(\d+)\](?:\.(\w+))?$")]
    private static partial Regex FieldTarget();

    [GeneratedRegex(@"^\.rowFilters\[(\d+)\]")]
    private static partial Regex FilterTarget();
}

using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Portal.Register;

namespace Concordat.Server.Portal.Agreements;

/// <summary>
/// Agreement terms in words for staff: every term as a keyed line (<see cref="TermRow"/>), so a page can list them and
/// two versions can be compared line by line. Uses the public register's wording for fields, filters and bases.
/// </summary>
internal static class AgreementText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Every term of <paramref name="terms"/> as lines, in a fixed order.</summary>
    public static IReadOnlyList<TermRow> Rows(AgreementTerms terms, IReadOnlyDictionary<string, string> organisations, IReadOnlyDictionary<string, Dataset> datasets)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var rows = new List<TermRow>
        {
            new("title", "Title", terms.Title),
            new("provider", "Provider (holds the data)", Name(organisations, terms.ProviderOrganisationId)),
            new("consumer", "Consumer (receives the data)", Name(organisations, terms.ConsumerOrganisationId)),
            new("purpose", "Purpose", terms.Purpose),
            new("purpose-code", "Purpose code", PurposeText(terms.PurposeCode)),
            new("lawful-basis", "Lawful basis", RegisterText.LawfulBasis(terms.LawfulBasis)),
            new("special-category", "Article 9 condition", terms.SpecialCategoryCondition is { } condition ? SpecialCategory(condition) : "None: no special category data is shared"),
            new("legal-gateway", "Legal gateway", terms.LegalGateway),
            new("disclosure-mode", "How data is disclosed", RegisterText.Disclosure(terms.DisclosureMode)),
        };
        foreach (var shared in terms.Datasets)
        {
            var dataset = datasets.GetValueOrDefault(shared.DatasetId);
            var title = dataset?.Title ?? shared.DatasetId;
            foreach (var field in shared.Fields)
            {
                rows.Add(new TermRow($"field:{shared.DatasetId}:{field.Name}", $"Field shared from {title}", FieldText(field, dataset)));
            }

            foreach (var filter in shared.RowFilters)
            {
                rows.Add(new TermRow($"filter:{shared.DatasetId}:{filter.Field}:{filter.Operator}", $"Only records of {title} where", RegisterText.Filter(filter, dataset)));
            }
        }

        rows.Add(new TermRow("retention", "Consumer keeps its copy for", Days(terms.RetentionDays)));
        rows.Add(new TermRow("frequency", "How often", Frequency(terms.Frequency)));
        rows.Add(new TermRow("start-date", "Starts", RegisterText.Date(terms.StartDate)));
        rows.Add(new TermRow("end-date", "Ends (expires at the start of)", RegisterText.Date(terms.EndDate)));
        rows.Add(new TermRow("dpia", "Data protection impact assessment", terms.DpiaReference ?? "None: no personal data is shared"));
        for (var i = 0; i < terms.Contacts.Count; i++)
        {
            var contact = terms.Contacts[i];
            rows.Add(new TermRow($"contact:{contact.OrganisationId}:{i}", $"Contact for {Name(organisations, contact.OrganisationId)}", $"{contact.Name} ({contact.Role}), {contact.Email}"));
        }

        return rows;
    }

    /// <summary>A shared field in words, with its transform (and, when marked, that aggregates may group by it).</summary>
    public static string FieldText(AgreementField field, Dataset? dataset)
    {
        ArgumentNullException.ThrowIfNull(field);
        return RegisterText.Field(field, dataset);
    }

    /// <summary>A purpose code with its description.</summary>
    public static string PurposeText(string code)
    {
        foreach (var (known, description) in PurposeCodes.All)
        {
            if (string.Equals(known, code, StringComparison.Ordinal))
            {
                return $"{known}: {description}";
            }
        }

        return code;
    }

    /// <summary>A number of days in words.</summary>
    public static string Days(int days) => days == 1 ? "1 day" : days.ToString("N0", English) + " days";

    /// <summary>A sharing frequency in words.</summary>
    public static string Frequency(SharingFrequency frequency) => frequency switch
    {
        SharingFrequency.OneOff => "Once",
        SharingFrequency.OnDemand => "On demand, as cases arise",
        SharingFrequency.Daily => "Daily",
        SharingFrequency.Weekly => "Weekly",
        SharingFrequency.Monthly => "Monthly",
        SharingFrequency.Quarterly => "Quarterly",
        _ => "Annually",
    };

    /// <summary>A UK GDPR Article 9(2) condition in words.</summary>
    public static string SpecialCategory(SpecialCategoryCondition condition) => condition switch
    {
        SpecialCategoryCondition.ExplicitConsent => "Explicit consent (Article 9(2)(a))",
        SpecialCategoryCondition.EmploymentSocialSecurity => "Employment, social security and social protection (Article 9(2)(b))",
        SpecialCategoryCondition.VitalInterests => "Vital interests (Article 9(2)(c))",
        SpecialCategoryCondition.NotForProfitBody => "Not-for-profit bodies (Article 9(2)(d))",
        SpecialCategoryCondition.MadePublicBySubject => "Made public by the data subject (Article 9(2)(e))",
        SpecialCategoryCondition.LegalClaims => "Legal claims or judicial acts (Article 9(2)(f))",
        SpecialCategoryCondition.SubstantialPublicInterest => "Substantial public interest (Article 9(2)(g))",
        SpecialCategoryCondition.HealthOrSocialCare => "Health or social care (Article 9(2)(h))",
        SpecialCategoryCondition.PublicHealth => "Public health (Article 9(2)(i))",
        _ => "Archiving, research or statistics (Article 9(2)(j))",
    };

    /// <summary>An agreement action in words.</summary>
    public static string Action(AgreementAction action, ApprovalRole? role) => action switch
    {
        AgreementAction.Drafted => "Drafted",
        AgreementAction.Amended => "Terms changed",
        AgreementAction.Submitted => "Submitted for approval",
        AgreementAction.Approved => role == ApprovalRole.Dpo ? "Approved by the data protection officer" : "Approved by the data steward",
        AgreementAction.Rejected => role == ApprovalRole.Dpo ? "Rejected by the data protection officer" : "Rejected by the data steward",
        AgreementAction.Activated => "Became active",
        AgreementAction.Suspended => "Suspended",
        AgreementAction.Resumed => "Resumed",
        AgreementAction.Revoked => "Revoked",
        AgreementAction.Expired => "Ended",
        AgreementAction.KeyRotated => "Pseudonymisation key changed",
        _ => "Pseudonyms re-identified",
    };

    /// <summary>A date and time as GOV.UK writes it, in UTC.</summary>
    public static string Time(DateTimeOffset time) => RegisterText.Time(time);

    private static string Name(IReadOnlyDictionary<string, string> organisations, string id) => organisations.GetValueOrDefault(id, id);
}

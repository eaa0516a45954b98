using System.Text;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;

namespace Concordat.Server.Portal.Register;

/// <summary>Plain-English wording of agreement terms for the public register and the citizen view.</summary>
internal static class RegisterText
{
    /// <summary>A field as a reader understands it, with what is done to it before sharing.</summary>
    public static string Field(AgreementField field, Dataset? dataset)
    {
        ArgumentNullException.ThrowIfNull(field);
        var name = FieldName(field.Name, dataset);
        var text = field.Transform switch
        {
            FieldTransform.Pseudonymise => $"{name} (replaced by a pseudonym)",
            FieldTransform.DateToYear => $"{name} (year only)",
            FieldTransform.DateToMonth => $"{name} (month and year only)",
            FieldTransform.PostcodeDistrict => $"{name} (postcode district only, for example LS1)",
            FieldTransform.PostcodeSector => $"{name} (postcode sector only, for example LS1 4)",
            _ => name,
        };
        return field.Groupable ? text + " (counts may be grouped by it)" : text;
    }

    /// <summary>A row filter in plain words, e.g. "the person is aged 65 or over (from date of birth)".</summary>
    public static string Filter(Core.Governance.RowFilter filter, Dataset? dataset)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var name = FieldName(filter.Field, dataset);
        return filter.Operator switch
        {
            Core.Governance.RowFilterOperator.AgeAtLeast => $"the person is aged {filter.Value} or over (from {name})",
            Core.Governance.RowFilterOperator.AgeUnder => $"the person is under {filter.Value} (from {name})",
            Core.Governance.RowFilterOperator.Equal => $"{name} is {filter.Value}",
            Core.Governance.RowFilterOperator.NotEqual => $"{name} is not {filter.Value}",
            Core.Governance.RowFilterOperator.LessThan => $"{name} is less than {filter.Value}",
            Core.Governance.RowFilterOperator.LessThanOrEqual => $"{name} is at most {filter.Value}",
            Core.Governance.RowFilterOperator.GreaterThan => $"{name} is more than {filter.Value}",
            Core.Governance.RowFilterOperator.GreaterThanOrEqual => $"{name} is at least {filter.Value}",
            _ => $"{name} meets a condition",
        };
    }

    /// <summary>A field name in words: identifiers by their proper names, others split from camelCase.</summary>
    public static string FieldName(string name, Dataset? dataset)
    {
        ArgumentNullException.ThrowIfNull(name);
        var kind = dataset?.Schema.Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))?.Identifier ?? IdentifierKind.None;
        switch (kind)
        {
            case IdentifierKind.Nino:
                return "National Insurance number";
            case IdentifierKind.NhsNumber:
                return "NHS number";
            case IdentifierKind.Uprn:
                return "property reference (UPRN)";
            default:
                break;
        }

        var words = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }

    /// <summary>A status in words.</summary>
    public static string Status(AgreementStatus status) => status switch
    {
        AgreementStatus.Approved => "Approved, not started",
        AgreementStatus.Active => "Active",
        AgreementStatus.Suspended => "Suspended",
        AgreementStatus.Revoked => "Revoked",
        AgreementStatus.Expired => "Ended",
        AgreementStatus.Submitted => "Awaiting approval",
        _ => "Draft",
    };

    /// <summary>The GOV.UK tag colour class for a status.</summary>
    public static string StatusTag(AgreementStatus status) => status switch
    {
        AgreementStatus.Active => "govuk-tag govuk-tag--green",
        AgreementStatus.Approved => "govuk-tag govuk-tag--blue",
        AgreementStatus.Suspended => "govuk-tag govuk-tag--orange",
        AgreementStatus.Revoked => "govuk-tag govuk-tag--red",
        _ => "govuk-tag govuk-tag--grey",
    };

    /// <summary>The lawful basis in the words of UK GDPR Article 6(1).</summary>
    public static string LawfulBasis(LawfulBasis basis) => basis switch
    {
        Core.Governance.LawfulBasis.Consent => "Consent (UK GDPR Article 6(1)(a))",
        Core.Governance.LawfulBasis.Contract => "Contract (UK GDPR Article 6(1)(b))",
        Core.Governance.LawfulBasis.LegalObligation => "Legal obligation (UK GDPR Article 6(1)(c))",
        Core.Governance.LawfulBasis.VitalInterests => "Vital interests (UK GDPR Article 6(1)(d))",
        Core.Governance.LawfulBasis.PublicTask => "Public task (UK GDPR Article 6(1)(e))",
        Core.Governance.LawfulBasis.LegitimateInterests => "Legitimate interests (UK GDPR Article 6(1)(f))",
        _ => basis.ToString(),
    };

    /// <summary>How records are disclosed, in words.</summary>
    public static string Disclosure(DisclosureMode mode) => mode switch
    {
        DisclosureMode.Identified => "Identified: records name the person",
        DisclosureMode.Pseudonymised => "Pseudonymised: identifiers are replaced by pseudonyms",
        DisclosureMode.Aggregate => "Aggregate figures only: no individual records",
        _ => mode.ToString(),
    };

    /// <summary>A date as GOV.UK writes it, e.g. 4 March 2026.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>A moment as GOV.UK writes it, in UTC, e.g. 4 March 2026 at 14:05 UTC.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}

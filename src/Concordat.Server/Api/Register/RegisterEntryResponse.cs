using Concordat.Core.Governance;

namespace Concordat.Server.Api.Register;

/// <summary>
/// An agreement as the public register shows it: who shares what with whom, why, under which law, how, and for how
/// long. Contacts, drafters, approvers' client ids and key ids are not shown.
/// </summary>
public sealed record RegisterEntryResponse(
    string Id,
    int Version,
    string Title,
    AgreementStatus Status,
    string? StatusReason,
    RegisterParty Provider,
    RegisterParty Consumer,
    string Purpose,
    string PurposeCode,
    LawfulBasis LawfulBasis,
    SpecialCategoryCondition? SpecialCategoryCondition,
    string LegalGateway,
    DisclosureMode DisclosureMode,
    IReadOnlyList<RegisterDataset> Datasets,
    int RetentionDays,
    SharingFrequency Frequency,
    DateOnly StartDate,
    DateOnly EndDate,
    string? DpiaReference,
    DateTimeOffset? ApprovedAt,
    string OdrlPolicy)
{
    /// <summary>Maps an agreement for the register.</summary>
    public static RegisterEntryResponse From(Agreement agreement, Func<string, string> organisationName)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(organisationName);
        var terms = agreement.Terms;
        return new(
            agreement.Id,
            agreement.Version,
            terms.Title,
            agreement.Status,
            agreement.StatusReason,
            new RegisterParty(terms.ProviderOrganisationId, organisationName(terms.ProviderOrganisationId)),
            new RegisterParty(terms.ConsumerOrganisationId, organisationName(terms.ConsumerOrganisationId)),
            terms.Purpose,
            terms.PurposeCode,
            terms.LawfulBasis,
            terms.SpecialCategoryCondition,
            terms.LegalGateway,
            terms.DisclosureMode,
            terms.Datasets.Select(d => new RegisterDataset(d.DatasetId, d.Fields, d.RowFilters)).ToList(),
            terms.RetentionDays,
            terms.Frequency,
            terms.StartDate,
            terms.EndDate,
            terms.DpiaReference,
            agreement.Approvals.Count == 2 ? agreement.Approvals.Max(a => a.ApprovedAt) : null,
            $"/api/v1/register/agreements/{Uri.EscapeDataString(agreement.Id)}/odrl");
    }
}

using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Infrastructure;

/// <summary>Puts an approved agreement between the demo DWP and Leeds City Council on a host's register.</summary>
public static class RegisterSeed
{
    public static void ApprovedAgreement(ConcordatHost host, string id)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.EnsureStarted();
        var service = host.Services.GetRequiredService<AgreementService>();
        if (service.GetAsync(id, CancellationToken.None).GetAwaiter().GetResult() is not null)
        {
            return;
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var draft = new AgreementDraft
        {
            Title = "Pension credit take-up",
            ProviderOrganisationId = "dwp",
            ConsumerOrganisationId = "leeds-council",
            Datasets =
            [
                new AgreementDatasetDraft("dwp-claimants",
                    [new AgreementField("nino"), new AgreementField("dateOfBirth", FieldTransform.DateToYear), new AgreementField("postcode", FieldTransform.PostcodeDistrict)],
                    [new RowFilter("dateOfBirth", RowFilterOperator.AgeAtLeast, "65")]),
            ],
            Purpose = "Find older residents who may be entitled to pension credit.",
            PurposeCode = PurposeCodes.BenefitEligibility,
            LawfulBasis = LawfulBasis.PublicTask,
            LegalGateway = "Digital Economy Act 2017 Part 5 (public service delivery)",
            DisclosureMode = DisclosureMode.Identified,
            RetentionDays = 90,
            Frequency = SharingFrequency.Monthly,
            StartDate = today.AddDays(-1),
            EndDate = today.AddDays(365),
            DpiaReference = "DPIA-2025-117",
            Contacts =
            [
                new AgreementContact("dwp", "information asset owner", "DWP data sharing", "sharing@dwp.example.gov.uk"),
                new AgreementContact("leeds-council", "data protection officer", "Leeds DPO", "dpo@leeds.example.gov.uk"),
            ],
        };
        var consumer = new AgreementActor("leeds-council-service", "leeds-council", ClientRole.Consumer);
        Expect(service.DraftAsync(id, draft, consumer, null, CancellationToken.None));
        Expect(service.SubmitAsync(id, consumer, null, CancellationToken.None));
        Expect(service.ApproveAsync(id, ApprovalRole.Steward, new("dwp-steward", "dwp", ClientRole.Steward), null, CancellationToken.None));
        Expect(service.ApproveAsync(id, ApprovalRole.Dpo, new("dwp-dpo", "dwp", ClientRole.Dpo), null, CancellationToken.None));
    }

    private static void Expect(Task<Core.Result<Agreement>> step)
    {
        var result = step.GetAwaiter().GetResult();
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Errors[0].Message);
    }
}

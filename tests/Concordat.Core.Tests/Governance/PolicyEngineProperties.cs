using Concordat.Core.Governance;
using CsCheck;

namespace Concordat.Core.Tests.Governance;

public sealed class PolicyEngineProperties
{
    private const int Universe = 60;
    private static readonly DateOnly Epoch = new(2020, 1, 1);

    // An agreement sharing a random subset of a 60-field dataset, in a random state and period, and a random request.
    private static readonly Gen<(Agreement Agreement, PolicyRequest Request)> Cases =
        from shared in Gen.Int[0, Universe - 1].HashSet[1, 50]
        from status in Gen.Enum<AgreementStatus>()
        from startDay in Gen.Int[0, 2000]
        from length in Gen.Int[1, 1000]
        from offsetHours in Gen.Int[-2000 * 24, 4000 * 24]
        from requested in Gen.OneOf(Gen.Int[0, Universe + 10].Select(i => $"f{i}"), Gen.String[0, 6]).List[0, 60]
        from otherOrg in Gen.Bool
        from otherPurpose in Gen.Bool
        select Build(shared, status, startDay, length, offsetHours, requested, otherOrg, otherPurpose);

    [Fact]
    public void No_field_outside_the_agreement_is_ever_permitted()
    {
        Cases.Sample(c =>
        {
            var decision = PolicyEngine.Decide(c.Request);
            var shared = c.Agreement.Terms.Datasets[0].Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            if (c.Request.RequestedFields.Any(f => !shared.Contains(f)))
            {
                Assert.False(decision.IsPermitted);
            }

            if (decision.IsPermitted)
            {
                Assert.All(decision.Obligations!.Fields, f => Assert.Contains(f.Name, shared));
                if (c.Request.RequestedFields.Count > 0)
                {
                    Assert.All(decision.Obligations.Fields, f => Assert.Contains(f.Name, c.Request.RequestedFields));
                }

                Assert.Equal(decision.Obligations.Fields.Count, decision.Obligations.Fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
            }
        }, iter: 20_000);
    }

    [Fact]
    public void An_agreement_at_or_after_its_end_date_never_permits()
    {
        Gen.Select(Cases, Gen.Long[0, TimeSpan.TicksPerDay * 5000]).Sample((c, after) =>
        {
            var late = c.Request with { Time = c.Agreement.Terms.EndsAt.AddTicks(after) };

            var decision = PolicyEngine.Decide(late);

            Assert.False(decision.IsPermitted);
            if (c.Agreement.Status is AgreementStatus.Approved or AgreementStatus.Active or AgreementStatus.Suspended)
            {
                Assert.Equal(DenyReason.AgreementExpired, decision.Reason);
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Permits_only_active_agreements_within_their_term_for_their_consumer_and_purpose()
    {
        Cases.Sample(c =>
        {
            var decision = PolicyEngine.Decide(c.Request);
            if (decision.IsPermitted)
            {
                var terms = c.Agreement.Terms;
                Assert.True(c.Agreement.Status is AgreementStatus.Approved or AgreementStatus.Active);
                Assert.InRange(c.Request.Time, terms.StartsAt, terms.EndsAt.AddTicks(-1));
                Assert.Equal(terms.ConsumerOrganisationId, c.Request.OrganisationId);
                Assert.Equal(terms.PurposeCode, c.Request.PurposeCode);
            }
            else
            {
                Assert.NotNull(decision.ReasonCode);
                Assert.Null(decision.Obligations);
            }
        }, iter: 20_000);
    }

    private static (Agreement, PolicyRequest) Build(HashSet<int> shared, AgreementStatus status, int startDay, int length, int offsetHours, List<string> requested, bool otherOrg, bool otherPurpose)
    {
        var start = Epoch.AddDays(startDay);
        var terms = AgreementSamples.Terms() with
        {
            Datasets = [new AgreementDataset("wide", shared.Order().Select(i => new AgreementField($"f{i}")).ToList())],
            StartDate = start,
            EndDate = start.AddDays(length),
        };
        var agreement = new Agreement("a", 1, terms, status) { DraftedBy = "x" };
        var time = terms.StartsAt.AddHours(offsetHours);
        var request = new PolicyRequest(
            "client",
            otherOrg ? "hmrc" : terms.ConsumerOrganisationId,
            agreement,
            "wide",
            requested,
            otherPurpose ? PurposeCodes.TaxCompliance : terms.PurposeCode,
            time);
        return (agreement, request);
    }
}

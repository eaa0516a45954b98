using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using CsCheck;

namespace Concordat.Core.Tests.Governance;

public sealed class AgreementWorkflowProperties
{
    private static readonly AgreementActor[] Actors =
    [
        new("dwp-steward", "dwp", ClientRole.Steward),
        new("dwp-steward-2", "dwp", ClientRole.Steward),
        new("dwp-dpo", "dwp", ClientRole.Dpo),
        new("dwp-both", "dwp", ClientRole.Steward | ClientRole.Dpo),
        new("dwp-service", "dwp", ClientRole.Consumer),
        new("leeds-council-service", "leeds-council", ClientRole.Consumer),
        new("leeds-council-steward", "leeds-council", ClientRole.Steward),
        new("leeds-council-dpo", "leeds-council", ClientRole.Dpo),
        new("hmrc-steward", "hmrc", ClientRole.Steward),
        new("hub-admin", "concordat-hub", ClientRole.Admin),
    ];

    private static readonly Gen<(int Step, int Actor, bool Reason, int Days)> Steps =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, Actors.Length - 1], Gen.Bool, Gen.Int[0, 60]);

    [Fact]
    public void Random_step_sequences_never_approve_without_two_distinct_provider_officers_who_did_not_draft_or_submit()
    {
        var approvedSequences = 0;
        Gen.Select(Gen.Int[0, Actors.Length - 1], Steps.Array[1, 30]).Sample((drafter, steps) =>
        {
            var now = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
            var draft = AgreementWorkflow.Draft("agreement-a", AgreementSamples.Terms(), Actors[drafter], now, null);
            if (!draft.IsSuccess)
            {
                Assert.DoesNotContain(Actors[drafter].OrganisationId, new[] { "dwp", "leeds-council" });
                return;
            }

            var agreement = draft.Value.Agreement;
            foreach (var (step, actorIndex, withReason, days) in steps)
            {
                now = now.AddDays(days);
                var actor = Actors[actorIndex];
                var reason = withReason ? "Because." : null;
                var result = step switch
                {
                    0 => AgreementWorkflow.Submit(agreement, actor, now, reason),
                    1 => AgreementWorkflow.Approve(agreement, ApprovalRole.Steward, actor, now, reason),
                    2 => AgreementWorkflow.Approve(agreement, ApprovalRole.Dpo, actor, now, reason),
                    3 => AgreementWorkflow.Suspend(agreement, actor, now, reason),
                    4 => AgreementWorkflow.Resume(agreement, actor, now, reason),
                    5 => AgreementWorkflow.Revoke(agreement, actor, now, reason),
                    6 => AgreementWorkflow.Amend(agreement, agreement.Terms with { RetentionDays = agreement.Terms.RetentionDays + 1 }, actor, now, reason),
                    8 => AgreementWorkflow.Reject(agreement, ApprovalRole.Steward, actor, now, reason),
                    9 => AgreementWorkflow.Reject(agreement, ApprovalRole.Dpo, actor, now, reason),
                    _ => AgreementWorkflow.Settle(agreement, now) is { } settled ? settled : Result<AgreementTransition>.Failure(Error.Conflict("none", "none")),
                };
                if (!result.IsSuccess)
                {
                    continue;
                }

                var next = result.Value.Agreement;
                Assert.Equal(agreement.Revision + 1, next.Revision);
                Assert.Equal(next.Revision, result.Value.Change.Revision);
                if (step is 8 or 9)
                {
                    // Only a provider officer in the role, who did not ask for it, refuses approval, with a reason, back to draft.
                    Assert.Equal("dwp", actor.OrganisationId);
                    Assert.True(withReason);
                    Assert.NotEqual(agreement.DraftedBy, actor.ClientId);
                    Assert.NotEqual(agreement.SubmittedBy, actor.ClientId);
                    Assert.Equal(AgreementStatus.Submitted, agreement.StatusAt(now));
                    Assert.Equal(AgreementStatus.Draft, next.Status);
                    Assert.Empty(next.Approvals);
                }

                if (step is 1 or 2)
                {
                    Assert.Equal("dwp", actor.OrganisationId);
                    Assert.NotEqual(agreement.DraftedBy, actor.ClientId);
                    Assert.NotEqual(agreement.SubmittedBy, actor.ClientId);
                }

                if (step is 3 or 4 or 5)
                {
                    Assert.Equal("dwp", actor.OrganisationId);
                    Assert.True(withReason);
                }

                if (agreement.Status == AgreementStatus.Revoked || agreement.StatusAt(now) == AgreementStatus.Expired)
                {
                    Assert.True(step == 7 || next.Status == agreement.Status, "a final state was left");
                }

                agreement = next;
                if (agreement.Status is AgreementStatus.Approved or AgreementStatus.Active)
                {
                    Assert.Equal(2, agreement.Approvals.Count);
                    Assert.Equal(2, agreement.Approvals.Select(a => a.ClientId).Distinct().Count());
                    Assert.Equal([ApprovalRole.Steward, ApprovalRole.Dpo], agreement.Approvals.Select(a => a.Role).Order());
                    Assert.All(agreement.Approvals, a => Assert.Equal("dwp", a.OrganisationId));
                    Interlocked.Increment(ref approvedSequences);
                }
            }
        }, iter: 5_000);

        // The generator must actually reach approval, or the property says nothing.
        Assert.True(approvedSequences > 0);
    }
}

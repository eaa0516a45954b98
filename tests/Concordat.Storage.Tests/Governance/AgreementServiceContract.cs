using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Keys;
using Concordat.Storage.Tests.Contracts;

namespace Concordat.Storage.Tests.Governance;

/// <summary>The agreement workflow over the agreement, key and consent stores, run against every dialect.</summary>
public abstract class AgreementServiceContract : StoreContract
{
    private static readonly AgreementActor Drafter = new("leeds-service", "leeds", ClientRole.Consumer);
    private static readonly AgreementActor Steward = new("dwp-steward", "dwp", ClientRole.Steward);
    private static readonly AgreementActor Dpo = new("dwp-dpo", "dwp", ClientRole.Dpo);
    private static readonly AgreementActor ConsumerSteward = new("leeds-steward", "leeds", ClientRole.Steward);

    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero));

    protected override TimeProvider? Time => _clock;

    private AgreementService Service => Stores.Get<AgreementService>();

    private ConsentService ConsentService => Stores.Get<ConsentService>();

    [Fact]
    public async Task Agreement_goes_from_draft_to_active_on_its_start_date_and_expires_at_its_end_date()
    {
        await SeedAsync();
        await DraftSubmitApproveAsync("pc", Draft());

        Assert.Equal(AgreementStatus.Approved, (await Service.GetAsync("pc", default))!.Status);
        Assert.Equal(DenyReason.AgreementNotYetActive, (await DecideAsync("pc")).Reason);

        _clock.Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.True((await DecideAsync("pc")).IsPermitted);
        Assert.Equal(AgreementStatus.Active, (await Service.ListAsync("leeds", default)).Single().Status);

        _clock.Now = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(DenyReason.AgreementExpired, (await DecideAsync("pc")).Reason);
        Assert.Equal(AgreementStatus.Expired, (await Service.GetAsync("pc", default))!.Status);

        var history = await Service.HistoryAsync("pc", default);
        Assert.Equal(
            [AgreementAction.Drafted, AgreementAction.Submitted, AgreementAction.Approved, AgreementAction.Approved, AgreementAction.Activated, AgreementAction.Expired],
            history.Select(h => h.Action));
        Assert.Equal([1, 2, 3, 4, 5, 6], history.Select(h => h.Revision));
        Assert.Equal("dwp-dpo", history[3].ActorClientId);
        Assert.Equal(ApprovalRole.Dpo, history[3].ApprovalRole);
    }

    [Fact]
    public async Task Wrong_approvers_are_refused_and_nothing_changes()
    {
        await SeedAsync();
        Assert.True((await Service.DraftAsync("pc", Draft(), Steward, null, default)).IsSuccess);
        Assert.Equal("agreement.invalid_transition", (await Service.ApproveAsync("pc", ApprovalRole.Steward, new("dwp-steward-2", "dwp", ClientRole.Steward), null, default)).Errors[0].Code);
        Assert.True((await Service.SubmitAsync("pc", Steward, null, default)).IsSuccess);

        Assert.Equal("agreement.self_approval", (await Service.ApproveAsync("pc", ApprovalRole.Steward, Steward, null, default)).Errors[0].Code);
        Assert.Equal("agreement.approver_not_provider", (await Service.ApproveAsync("pc", ApprovalRole.Steward, ConsumerSteward, null, default)).Errors[0].Code);
        Assert.Equal("agreement.wrong_role", (await Service.ApproveAsync("pc", ApprovalRole.Dpo, new("dwp-steward-2", "dwp", ClientRole.Steward), null, default)).Errors[0].Code);
        var both = new AgreementActor("dwp-both", "dwp", ClientRole.Steward | ClientRole.Dpo);
        Assert.True((await Service.ApproveAsync("pc", ApprovalRole.Steward, both, null, default)).IsSuccess);
        Assert.Equal("agreement.second_approval_same_client", (await Service.ApproveAsync("pc", ApprovalRole.Dpo, both, null, default)).Errors[0].Code);

        var agreement = (await Service.GetAsync("pc", default))!;
        Assert.Equal(AgreementStatus.Submitted, agreement.Status);
        Assert.Single(agreement.Approvals);
        Assert.Equal(3, (await Service.HistoryAsync("pc", default)).Count);
    }

    [Fact]
    public async Task A_rejected_approval_sends_the_agreement_back_to_draft_with_its_reason_and_approvals_cleared()
    {
        await SeedAsync();
        Assert.True((await Service.DraftAsync("pc", Draft(), Drafter, null, default)).IsSuccess);
        Assert.True((await Service.SubmitAsync("pc", Drafter, null, default)).IsSuccess);
        Assert.True((await Service.ApproveAsync("pc", ApprovalRole.Steward, Steward, "Scope is minimal.", default)).IsSuccess);

        // Refusals of the refusal change nothing: no reason, the consumer, the wrong role, the requester.
        Assert.Equal("agreement.reason_required", (await Service.RejectAsync("pc", ApprovalRole.Dpo, Dpo, "  ", default)).Errors[0].Code);
        Assert.Equal("agreement.approver_not_provider", (await Service.RejectAsync("pc", ApprovalRole.Steward, ConsumerSteward, "No.", default)).Errors[0].Code);
        Assert.Equal("agreement.wrong_role", (await Service.RejectAsync("pc", ApprovalRole.Dpo, Steward, "No.", default)).Errors[0].Code);
        Assert.Equal(3, (await Service.HistoryAsync("pc", default)).Count);

        var rejected = await Service.RejectAsync("pc", ApprovalRole.Dpo, Dpo, "The DPIA does not cover postcodes.", default);
        Assert.True(rejected.IsSuccess);
        Assert.Equal(AgreementStatus.Draft, rejected.Value.Status);
        Assert.Empty(rejected.Value.Approvals);
        Assert.Null(rejected.Value.SubmittedBy);
        var last = (await Service.HistoryAsync("pc", default))[^1];
        Assert.Equal(AgreementAction.Rejected, last.Action);
        Assert.Equal(ApprovalRole.Dpo, last.ApprovalRole);
        Assert.Equal("The DPIA does not cover postcodes.", last.Reason);
        Assert.Equal(AgreementStatus.Draft, last.StatusAfter);

        // Nothing shares; a draft cannot be rejected again; it can be submitted again and both approvals are needed anew.
        Assert.False((await DecideAsync("pc")).IsPermitted);
        Assert.Equal("agreement.invalid_transition", (await Service.RejectAsync("pc", ApprovalRole.Steward, Steward, "Again.", default)).Errors[0].Code);
        Assert.True((await Service.SubmitAsync("pc", Drafter, "DPIA updated.", default)).IsSuccess);
        Assert.True((await Service.ApproveAsync("pc", ApprovalRole.Dpo, Dpo, null, default)).IsSuccess);
        Assert.Equal(AgreementStatus.Submitted, (await Service.GetAsync("pc", default))!.Status);
        Assert.True((await Service.ApproveAsync("pc", ApprovalRole.Steward, Steward, null, default)).IsSuccess);
        Assert.Equal(AgreementStatus.Approved, (await Service.GetAsync("pc", default))!.Status);
    }

    [Fact]
    public async Task Amending_an_active_agreement_stops_sharing_until_approved_again()
    {
        await SeedAsync();
        await DraftSubmitApproveAsync("pc", Draft());
        _clock.Now = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.True((await DecideAsync("pc")).IsPermitted);

        var amended = await Service.AmendAsync("pc", Draft() with { RetentionDays = 30 }, Drafter, "Shorter retention agreed.", default);

        Assert.Equal(AgreementStatus.Submitted, amended.Value.Status);
        Assert.Equal(2, amended.Value.Version);
        Assert.Empty(amended.Value.Approvals);
        Assert.Equal(DenyReason.AgreementNotApproved, (await DecideAsync("pc")).Reason);
        Assert.Equal(90, (await Stores.Agreements.GetVersionAsync("pc", 1, default))!.RetentionDays);

        await Service.ApproveAsync("pc", ApprovalRole.Steward, Steward, null, default);
        await Service.ApproveAsync("pc", ApprovalRole.Dpo, Dpo, null, default);
        Assert.Equal(30, (await DecideAsync("pc")).Obligations!.RetentionDays);
    }

    [Fact]
    public async Task Invalid_amendment_changes_nothing()
    {
        await SeedAsync();
        await DraftSubmitApproveAsync("pc", Draft());
        var before = await Service.HistoryAsync("pc", default);

        var result = await Service.AmendAsync("pc", Draft() with { EndDate = new DateOnly(2025, 1, 1) }, Drafter, "Oops.", default);

        Assert.Equal("agreement.end_before_start", result.Errors[0].Code);
        Assert.Equal(before.Count, (await Service.HistoryAsync("pc", default)).Count);
        Assert.Equal(1, (await Service.GetAsync("pc", default))!.Version);
    }

    [Fact]
    public async Task Suspend_resume_and_revoke_are_for_the_provider_with_a_reason()
    {
        await SeedAsync();
        await DraftSubmitApproveAsync("pc", Draft());
        _clock.Now = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(ErrorKind.Forbidden, (await Service.SuspendAsync("pc", ConsumerSteward, "We want to.", default)).Errors[0].Kind);
        Assert.Equal("agreement.reason_required", (await Service.SuspendAsync("pc", Dpo, " ", default)).Errors[0].Code);
        Assert.True((await Service.SuspendAsync("pc", Dpo, "Security incident under investigation.", default)).IsSuccess);
        Assert.Equal(DenyReason.AgreementSuspended, (await DecideAsync("pc")).Reason);
        Assert.True((await Service.ResumeAsync("pc", Steward, "Incident closed.", default)).IsSuccess);
        Assert.True((await DecideAsync("pc")).IsPermitted);
        Assert.True((await Service.RevokeAsync("pc", Steward, "Service closed.", default)).IsSuccess);
        Assert.Equal(DenyReason.AgreementRevoked, (await DecideAsync("pc")).Reason);
        Assert.Equal("agreement.invalid_transition", (await Service.ResumeAsync("pc", Steward, "Changed our minds.", default)).Errors[0].Code);
    }

    [Fact]
    public async Task Suspension_by_another_process_denies_the_next_decision_here()
    {
        // The store keeps parsed agreements, but must see a change made through another connection (the CLI) at once.
        await SeedAsync();
        await DraftSubmitApproveAsync("pc", Draft());
        _clock.Now = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.True((await DecideAsync("pc")).IsPermitted);
        Assert.True((await DecideAsync("pc")).IsPermitted);

        var other = Stores.AnotherNode().Get<AgreementService>();
        Assert.True((await other.SuspendAsync("pc", Dpo, "Security incident under investigation.", default)).IsSuccess);

        Assert.Equal(DenyReason.AgreementSuspended, (await DecideAsync("pc")).Reason);
        Assert.Equal(AgreementStatus.Suspended, (await Service.GetAsync("pc", default))!.Status);
    }

    [Fact]
    public async Task Pseudonymised_agreement_gets_a_sealed_key_that_rotates_and_old_tokens_stay_resolvable()
    {
        await SeedAsync();
        await DraftSubmitApproveAsync("pc", Draft(DisclosureMode.Pseudonymised));
        var first = (await Service.GetAsync("pc", default))!.PseudonymKeyId!;
        var firstKey = (await Service.UnsealKeyAsync(first, default))!;
        var oldToken = Pseudonymiser.Token(firstKey, "AB123456C");

        var rotated = await Service.RotateKeyAsync("pc", Dpo, "Annual rotation.", default);

        var second = rotated.Value.PseudonymKeyId!;
        Assert.NotEqual(first, second);
        var keys = await Service.KeysAsync("pc", default);
        Assert.Equal([1, 2], keys.Select(k => k.Version));
        Assert.NotNull(keys[0].RetiredAt);
        Assert.Null(keys[1].RetiredAt);
        Assert.NotEqual(oldToken, Pseudonymiser.Token((await Service.UnsealKeyAsync(second, default))!, "AB123456C"));

        Assert.Equal(ErrorKind.Forbidden, (await Service.ReidentifyAsync("pc", first, oldToken, ["AB123456C"], Steward, "Fraud referral.", default)).Errors[0].Kind);
        var found = await Service.ReidentifyAsync("pc", first, oldToken, ["QQ123456C", "AB123456C"], Dpo, "Fraud referral FR-12.", default);
        Assert.Equal(["AB123456C"], found.Value);
        var logged = (await Service.HistoryAsync("pc", default))[^1];
        Assert.Equal(AgreementAction.Reidentified, logged.Action);
        Assert.Equal("dwp-dpo", logged.ActorClientId);
        Assert.Contains("FR-12", logged.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_of_two_agreements_make_different_tokens_and_are_sealed_at_rest()
    {
        await SeedAsync();
        _clock.Now = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await DraftSubmitApproveAsync("one", Draft(DisclosureMode.Pseudonymised));
        await DraftSubmitApproveAsync("two", Draft(DisclosureMode.Pseudonymised));
        var keyOne = (await Service.UnsealKeyAsync((await Service.GetAsync("one", default))!.PseudonymKeyId!, default))!;
        var keyTwo = (await Service.UnsealKeyAsync((await Service.GetAsync("two", default))!.PseudonymKeyId!, default))!;

        Assert.NotEqual(Pseudonymiser.Token(keyOne, "AB123456C"), Pseudonymiser.Token(keyTwo, "AB123456C"));
        var stored = await Stores.Keys.GetAsync((await Service.GetAsync("one", default))!.PseudonymKeyId!, default);
        Assert.Equal(Stores.Get<KeySealer>().MasterKeyId, KeySealer.SealedUnder(stored!.Value.Sealed));
        Assert.DoesNotContain(Convert.ToHexString(keyOne), Convert.ToHexString(stored.Value.Sealed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_key_with_a_taken_version_is_a_conflict_not_a_crash()
    {
        await SeedAsync();
        await DraftSubmitApproveAsync("pc", Draft(DisclosureMode.Pseudonymised));
        var store = Stores.Keys;

        var clash = await store.AddCurrentAsync(new PseudonymKey("pk-other", "pc", 1, _clock.Now, null), Stores.Get<KeySealer>().Seal(new byte[32], "x"), default);

        Assert.Equal(ErrorKind.Conflict, clash.Errors[0].Kind);
        Assert.Single(await store.ListAsync("pc", default));
        Assert.Null((await store.ListAsync("pc", default))[0].RetiredAt);
    }

    [Fact]
    public async Task Withdrawn_consent_denies_the_next_request()
    {
        await SeedAsync();
        await DraftSubmitApproveAsync("pc", Draft() with { LawfulBasis = LawfulBasis.Consent });
        _clock.Now = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(DenyReason.ConsentNotGiven, (await DecideAsync("pc", "AB123456C")).Reason);
        Assert.True((await ConsentService.GiveAsync("pc", "AB123456C", Drafter, default)).IsSuccess);
        Assert.True((await DecideAsync("pc", "AB123456C")).IsPermitted);

        _clock.Now = _clock.Now.AddMinutes(1);
        Assert.True((await ConsentService.WithdrawAsync("pc", "AB123456C", Drafter, default)).IsSuccess);
        Assert.Equal(DenyReason.ConsentWithdrawn, (await DecideAsync("pc", "AB123456C")).Reason);

        _clock.Now = _clock.Now.AddMinutes(1);
        await ConsentService.GiveAsync("pc", "AB123456C", Drafter, default);
        Assert.True((await DecideAsync("pc", "AB123456C")).IsPermitted);
        Assert.Equal(2, (await ConsentService.ListAsync("pc", "AB123456C", default)).Count);
        Assert.Equal(["AB123456C"], await Stores.Consents.ConsentingSubjectsAsync("pc", _clock.Now, default));
    }

    [Fact]
    public async Task Consent_is_refused_for_agreements_that_do_not_rely_on_it()
    {
        await SeedAsync();
        await DraftSubmitApproveAsync("pc", Draft());

        Assert.Equal("consent.not_consent_basis", (await ConsentService.GiveAsync("pc", "AB123456C", Drafter, default)).Errors[0].Code);
    }

    private Task<PolicyDecision> DecideAsync(string id, string? subject = null) =>
        Service.DecideAsync("leeds-service", "leeds", id, "dwp-claimants", [], PurposeCodes.BenefitEligibility, subject, default);

    private async Task DraftSubmitApproveAsync(string id, AgreementDraft draft)
    {
        Assert.True((await Service.DraftAsync(id, draft, Drafter, null, default)).IsSuccess);
        Assert.True((await Service.SubmitAsync(id, Drafter, null, default)).IsSuccess);
        Assert.True((await Service.ApproveAsync(id, ApprovalRole.Steward, Steward, "Scope is minimal.", default)).IsSuccess);
        Assert.True((await Service.ApproveAsync(id, ApprovalRole.Dpo, Dpo, "Lawful under DEA Part 5.", default)).IsSuccess);
    }

    private async Task SeedAsync()
    {
        var now = _clock.Now;
        await Stores.Catalogue.CreateOrganisationAsync(new Organisation("dwp", "DWP", now), default);
        await Stores.Catalogue.CreateOrganisationAsync(new Organisation("leeds", "Leeds City Council", now), default);
        var schema = new DatasetSchema(
            [
                new SchemaField("nino", FieldType.String) { PersonalData = PersonalDataCategory.Personal, Identifier = IdentifierKind.Nino },
                new SchemaField("dateOfBirth", FieldType.Date) { PersonalData = PersonalDataCategory.Personal },
                new SchemaField("benefit", FieldType.String) { PersonalData = PersonalDataCategory.Personal, Constraints = new FieldConstraints { Enum = ["pension-credit", "universal-credit"] } },
            ],
            ["nino"]);
        (await Stores.Catalogue.CreateDatasetAsync(new Dataset("dwp-claimants", "dwp", "Claimants", schema) { CreatedAt = now, UpdatedAt = now }, default)).Value.ToString();
    }

    private static AgreementDraft Draft(DisclosureMode mode = DisclosureMode.Identified) => new()
    {
        Title = "Pension credit take-up",
        ProviderOrganisationId = "dwp",
        ConsumerOrganisationId = "leeds",
        Datasets = [new AgreementDatasetDraft("dwp-claimants", [new AgreementField("nino", mode == DisclosureMode.Pseudonymised ? FieldTransform.Pseudonymise : FieldTransform.None), new AgreementField("benefit")], [new RowFilter("dateOfBirth", RowFilterOperator.AgeAtLeast, "65")])],
        Purpose = "Pension credit take-up.",
        PurposeCode = PurposeCodes.BenefitEligibility,
        LawfulBasis = LawfulBasis.PublicTask,
        LegalGateway = "Digital Economy Act 2017 Part 5",
        DisclosureMode = mode,
        RetentionDays = 90,
        Frequency = SharingFrequency.Monthly,
        StartDate = new DateOnly(2026, 1, 1),
        EndDate = new DateOnly(2027, 1, 1),
        DpiaReference = "DPIA-1",
        Contacts = [new AgreementContact("dwp", "owner", "DWP", "a@dwp.example.gov.uk"), new AgreementContact("leeds", "dpo", "Leeds", "dpo@leeds.example.gov.uk")],
    };
}

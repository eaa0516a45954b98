using Concordat.Core.Governance;
using Concordat.Storage.Tests.Contracts;

namespace Concordat.Storage.Tests.Governance;

/// <summary>What every <see cref="IWorkingDraftStore"/> must do, whatever the dialect.</summary>
public abstract class WorkingDraftStoreContract : StoreContract
{
    private IWorkingDraftStore Store => Stores.Get<IWorkingDraftStore>();

    [Fact]
    public async Task A_partial_draft_round_trips_with_every_element_it_has()
    {
        var draft = new WorkingDraft
        {
            Id = WorkingDraft.NewId(),
            OrganisationId = "leeds-council",
            CreatedBy = "staff:leeds-steward",
            AgreementId = "leeds-pension-credit",
            Draft = new AgreementDraft
            {
                Title = "Pension credit take-up",
                ProviderOrganisationId = "dwp",
                Datasets = [new AgreementDatasetDraft("dwp-claimants", [new AgreementField("postcode", FieldTransform.PostcodeDistrict)], [new RowFilter("dateOfBirth", RowFilterOperator.AgeAtLeast, "65")])],
                StartDate = new DateOnly(2026, 4, 1),
                LawfulBasis = LawfulBasis.PublicTask,
            },
            CreatedAt = TestStores.At(2026, 1, 1),
            UpdatedAt = TestStores.At(2026, 1, 1),
        };
        await Store.SaveAsync(draft, default);

        var read = await Store.GetAsync(draft.Id, default);
        Assert.NotNull(read);
        Assert.Equal("leeds-pension-credit", read.AgreementId);
        Assert.False(read.Amends);
        Assert.Equal("Pension credit take-up", read.Draft.Title);
        Assert.Null(read.Draft.ConsumerOrganisationId);
        Assert.Equal(LawfulBasis.PublicTask, read.Draft.LawfulBasis);
        Assert.Equal(new DateOnly(2026, 4, 1), read.Draft.StartDate);
        var dataset = Assert.Single(read.Draft.Datasets!);
        Assert.Equal(FieldTransform.PostcodeDistrict, dataset.Fields![0].Transform);
        Assert.Equal(RowFilterOperator.AgeAtLeast, dataset.RowFilters![0].Operator);
        Assert.Equal(draft.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task Saving_again_replaces_the_terms_and_lists_are_per_organisation_newest_first()
    {
        var first = New("leeds-council", TestStores.At(2026, 1, 1));
        var second = New("leeds-council", TestStores.At(2026, 1, 2));
        var other = New("hmrc", TestStores.At(2026, 1, 3));
        foreach (var draft in new[] { first, second, other })
        {
            await Store.SaveAsync(draft, default);
        }

        await Store.SaveAsync(first with { Draft = new AgreementDraft { Title = "Changed" }, Amends = true, UpdatedAt = TestStores.At(2026, 1, 4) }, default);

        var leeds = await Store.ListAsync("leeds-council", default);
        Assert.Equal([first.Id, second.Id], leeds.Select(d => d.Id));
        Assert.Equal("Changed", leeds[0].Draft.Title);
        Assert.True(leeds[0].Amends);
        Assert.Equal(first.CreatedAt, leeds[0].CreatedAt);
        Assert.Equal(other.Id, Assert.Single(await Store.ListAsync("hmrc", default)).Id);

        Assert.True(await Store.DeleteAsync(first.Id, default));
        Assert.False(await Store.DeleteAsync(first.Id, default));
        Assert.Null(await Store.GetAsync(first.Id, default));
        Assert.Single(await Store.ListAsync("leeds-council", default));
    }

    private static WorkingDraft New(string organisation, DateTimeOffset at) => new()
    {
        Id = WorkingDraft.NewId(),
        OrganisationId = organisation,
        CreatedBy = "staff:someone",
        Draft = new AgreementDraft(),
        CreatedAt = at,
        UpdatedAt = at,
    };
}

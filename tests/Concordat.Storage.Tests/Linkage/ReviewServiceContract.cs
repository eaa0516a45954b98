using Concordat.Core;
using Concordat.Core.Ingestion;
using Concordat.Core.Linkage;
using Concordat.Storage.Tests.Contracts;

namespace Concordat.Storage.Tests.Linkage;

/// <summary>A steward's review decisions over the person and ingest stores, run against every dialect.</summary>
public abstract class ReviewServiceContract : StoreContract
{
    private const string Settings = """
        {"linkType":"linkAndDedupe","uniqueIdColumn":"recordId","columns":[{"name":"familyName"},{"name":"dateOfBirth"}],
         "comparisons":[{"column":"familyName","levels":[{"type":"exact"}]}],"blockingRules":["familyName"],
         "goldenRecord":{"defaultStrategy":"mostTrusted","sourcePriority":["dwp-claimants","hmrc-taxpayers"]}}
        """;

    private static readonly DateTimeOffset At = TestStores.At(2026, 1, 3);

    private ReviewService Reviews => Stores.Get<ReviewService>();

    private IPersonStore Persons => Stores.Persons;

    [Fact]
    public async Task Accepting_a_pair_joins_its_two_persons_now_with_a_golden_record_by_the_stored_rules()
    {
        var item = await SeedAsync(withSettings: true);

        var decided = await Reviews.DecideAsync(item.Id, accept: true, "staff:dwp-steward", "  Same date of birth and NINO.  ", default);

        Assert.True(decided.IsSuccess, decided.IsSuccess ? null : decided.Errors[0].Message);
        Assert.Equal(ReviewStatus.Accepted, decided.Value.Item.Status);
        Assert.Equal("Same date of birth and NINO.", decided.Value.Item.DecisionReason);
        // Two records each: the ordinally smaller id survives; the other person is gone.
        Assert.Equal("prs-a", decided.Value.PersonId);
        Assert.Equal("prs-b", decided.Value.Merged);
        Assert.Null(await Persons.GetPersonAsync("prs-b", default));
        var person = (await Persons.GetPersonAsync("prs-a", default))!;
        Assert.Equal(4, person.Records.Count);
        // mostTrusted with DWP first: the golden family name now comes from the DWP record.
        Assert.Equal("O'NEILL", person.Golden["familyName"]);
        Assert.Equal(new RecordRef("dwp-claimants", "d1"), person.GoldenSources["familyName"]);
        Assert.Equal("prs-a", await Persons.GetPersonIdAsync(new RecordRef("dwp-claimants", "d2"), default));
    }

    [Fact]
    public async Task Rejecting_a_pair_changes_no_person_and_a_decided_pair_cannot_be_decided_again()
    {
        var item = await SeedAsync(withSettings: true);

        var decided = await Reviews.DecideAsync(item.Id, accept: false, "staff:dwp-steward", "Different people.", default);
        Assert.Equal(ReviewStatus.Rejected, decided.Value.Item.Status);
        Assert.Null(decided.Value.PersonId);
        Assert.NotNull(await Persons.GetPersonAsync("prs-b", default));
        Assert.Equal(2, (await Persons.GetPersonAsync("prs-a", default))!.Records.Count);

        var again = await Reviews.DecideAsync(item.Id, accept: true, "staff:other", null, default);
        Assert.Equal("review.already_decided", again.Errors[0].Code);
        Assert.NotNull(await Persons.GetPersonAsync("prs-b", default));
    }

    [Fact]
    public async Task Without_stored_settings_an_accepted_pair_waits_for_the_next_resolution()
    {
        var item = await SeedAsync(withSettings: false);
        var decided = await Reviews.DecideAsync(item.Id, accept: true, "staff:dwp-steward", null, default);
        Assert.Equal(ReviewStatus.Accepted, decided.Value.Item.Status);
        Assert.Null(decided.Value.PersonId);
        Assert.NotNull(await Persons.GetPersonAsync("prs-b", default));
    }

    [Fact]
    public async Task An_overlong_reason_is_refused_before_anything_is_decided()
    {
        var item = await SeedAsync(withSettings: true);
        var refused = await Reviews.DecideAsync(item.Id, accept: true, "staff:dwp-steward", new string('x', ReviewService.MaxReasonLength + 1), default);
        Assert.Equal("review.reason_too_long", refused.Errors[0].Code);
        Assert.Equal(ReviewStatus.Pending, (await Persons.GetReviewAsync(item.Id, default))!.Status);
    }

    private async Task<ReviewItem> SeedAsync(bool withSettings)
    {
        await Stores.SeedDatasetAsync("hmrc", "hmrc-taxpayers");
        await Stores.SeedDatasetAsync("dwp", "dwp-claimants");
        Stores.Load("hmrc-taxpayers", RefreshMode.Incremental,
            ("h1", """{"recordId":"h1","nino":"AB123456C","familyName":"ONEILL","dateOfBirth":"1950-03-04"}"""),
            ("h2", """{"recordId":"h2","nino":"AB123456C","familyName":"ONEILL","dateOfBirth":"1950-03-04"}"""));
        Stores.Load("dwp-claimants", RefreshMode.Incremental,
            ("d1", """{"recordId":"d1","nino":"AB123456C","familyName":"O'NEILL","dateOfBirth":"1950-03-04"}"""),
            ("d2", """{"recordId":"d2","nino":"AB123456C","familyName":"O'NEILL","dateOfBirth":"1950-03-04"}"""));
        var a = Person("prs-a", new RecordRef("hmrc-taxpayers", "h1"), new RecordRef("hmrc-taxpayers", "h2"));
        var b = Person("prs-b", new RecordRef("dwp-claimants", "d1"), new RecordRef("dwp-claimants", "d2"));
        var pair = new ReviewItem
        {
            Left = new RecordRef("dwp-claimants", "d1"),
            Right = new RecordRef("hmrc-taxpayers", "h1"),
            MatchWeight = 0.7,
            MatchProbability = 0.62,
        };
        LinkageSettings? settings = null;
        if (withSettings)
        {
            var read = LinkageSettingsJson.Read(Settings);
            Assert.True(read.IsSuccess, read.IsSuccess ? null : read.Errors[0].Message);
            settings = read.Value;
        }

        await Persons.SaveAsync(
            new PersonResolution { Persons = [a, b], ReviewQueue = [pair], NewPersons = 2, NewlyLinkedRecords = 4, PairsScored = 1, Settings = settings },
            At,
            default);
        return Assert.Single(await Persons.ListReviewsAsync(ReviewStatus.Pending, 0, 10, default));
    }

    private static Person Person(string id, params RecordRef[] records) => new()
    {
        PersonId = id,
        Records = records,
        Golden = new Dictionary<string, string?> { ["familyName"] = "ONEILL" },
        GoldenSources = new Dictionary<string, RecordRef> { ["familyName"] = records[0] },
    };
}

using Concordat.Core;
using Concordat.Core.Linkage;
using Concordat.Storage.Tests.Contracts;

namespace Concordat.Storage.Tests.Linkage;

/// <summary>What every <see cref="IPersonStore"/> must do, whatever the dialect.</summary>
public abstract class PersonStoreContract : StoreContract
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private IPersonStore Store => Stores.Persons;

    private static RecordRef R(string dataset, string key) => new(dataset, key);

    private static Person Person(string id, params RecordRef[] records) => new()
    {
        PersonId = id,
        Records = records,
        Golden = new Dictionary<string, string?> { ["name"] = "SMITH", ["town"] = null },
        GoldenSources = new Dictionary<string, RecordRef> { ["name"] = records[0] },
    };

    private static PersonResolution Resolution(IReadOnlyList<Person> persons, params ReviewItem[] queue) =>
        new() { Persons = persons, ReviewQueue = queue, NewPersons = persons.Count, NewlyLinkedRecords = 0, PairsScored = 0 };

    private static ReviewItem Pair(string left, string right) => new()
    {
        Left = new RecordRef("hmrc", left),
        Right = new RecordRef("dwp", right),
        MatchWeight = 1.5,
        MatchProbability = 0.74,
        Explanation = new PairExplanation { LeftId = left, RightId = right, PriorWeight = -10, Steps = [], Weight = 1.5, Probability = 0.74 },
    };

    [Fact]
    public async Task Persons_and_links_round_trip()
    {
        await Store.SaveAsync(Resolution([Person("p1", R("hmrc", "a"), R("dwp", "b"))]), At, default);
        var links = await Store.GetLinksAsync(default);
        Assert.Equal("p1", links[new RecordRef("dwp", "b")]);
        var person = await Store.GetPersonAsync("p1", default);
        Assert.NotNull(person);
        Assert.Equal([new RecordRef("dwp", "b"), new RecordRef("hmrc", "a")], person.Records);
        Assert.Equal("SMITH", person.Golden["name"]);
        Assert.Null(person.Golden["town"]);
        Assert.Equal(new RecordRef("hmrc", "a"), person.GoldenSources["name"]);
    }

    [Fact]
    public async Task Moving_every_record_away_deletes_the_old_person()
    {
        await Store.SaveAsync(Resolution([Person("p1", R("hmrc", "a")), Person("p2", R("dwp", "b"))]), At, default);
        await Store.SaveAsync(Resolution([Person("p1", R("hmrc", "a"), R("dwp", "b"))]), At, default);
        Assert.Null(await Store.GetPersonAsync("p2", default));
        Assert.Equal(2, (await Store.GetPersonAsync("p1", default))!.Records.Count);
        Assert.Single(await Store.ListPersonsAsync(null, 10, default));
    }

    [Fact]
    public async Task Review_decisions_are_kept_and_not_requeued()
    {
        await Store.SaveAsync(Resolution([Person("p1", R("hmrc", "a"))], Pair("a", "b"), Pair("a", "c")), At, default);
        var pending = await Store.ListReviewsAsync(ReviewStatus.Pending, 0, 10, default);
        Assert.Equal(2, pending.Count);
        Assert.Equal(-10, pending[0].Explanation!.PriorWeight);

        var decided = await Store.DecideAsync(pending[0].Id, accept: false, "steward", "Different dates of birth.", At, default);
        Assert.Equal(ReviewStatus.Rejected, decided.Value.Status);
        Assert.Equal("steward", decided.Value.DecidedBy);
        Assert.Equal(At, decided.Value.DecidedAt);
        Assert.Equal("Different dates of birth.", decided.Value.DecisionReason);
        Assert.Equal("Different dates of birth.", (await Store.GetReviewAsync(pending[0].Id, default))!.DecisionReason);

        var again = await Store.DecideAsync(pending[0].Id, accept: true, "other", null, At, default);
        Assert.Equal(ErrorKind.Conflict, again.Errors[0].Kind);
        Assert.Equal(ErrorKind.NotFound, (await Store.DecideAsync(999, true, "s", null, At, default)).Errors[0].Kind);
        Assert.Equal("Different dates of birth.", (await Store.GetReviewAsync(pending[0].Id, default))!.DecisionReason);

        // A later run queues the same pair again: the decision stands.
        await Store.SaveAsync(Resolution([Person("p1", R("hmrc", "a"))], Pair("a", "b")), At, default);
        Assert.Single(await Store.ListReviewsAsync(ReviewStatus.Pending, 0, 10, default));
        var decisions = await Store.GetDecisionsAsync(default);
        Assert.Equal(ReviewStatus.Rejected, Assert.Single(decisions).Status);
    }

    [Fact]
    public async Task A_person_or_pair_named_twice_in_one_resolution_keeps_its_last_values()
    {
        var first = Person("p1", R("hmrc", "a"));
        var second = Person("p1", R("dwp", "b")) with { Golden = new Dictionary<string, string?> { ["name"] = "JONES" } };
        await Store.SaveAsync(Resolution([first, second], Pair("a", "b"), Pair("a", "b") with { MatchWeight = 3.5 }), At, default);

        var person = await Store.GetPersonAsync("p1", default);
        Assert.Equal("JONES", person!.Golden["name"]);
        Assert.Equal([R("dwp", "b"), R("hmrc", "a")], person.Records);
        var pending = Assert.Single(await Store.ListReviewsAsync(ReviewStatus.Pending, 0, 10, default));
        Assert.Equal(3.5, pending.MatchWeight);
    }

    [Fact]
    public async Task Persons_page_in_id_order_after_a_cursor()
    {
        await Store.SaveAsync(Resolution([Person("p3", R("hmrc", "c")), Person("p1", R("hmrc", "a")), Person("P2", R("hmrc", "b"))]), At, default);
        Assert.Equal(["P2", "p1"], (await Store.ListPersonsAsync(null, 2, default)).Select(p => p.PersonId));
        Assert.Equal(["p3"], (await Store.ListPersonsAsync("p1", 10, default)).Select(p => p.PersonId));
    }

    [Fact]
    public async Task The_queue_by_uncertainty_puts_weights_nearest_zero_first_and_pages_after_a_position()
    {
        var weights = new[] { 3.0, -0.5, 0.5, -2.0, 0.25, 5.0 };
        var pairs = weights.Select((w, i) => Pair("a" + i, "b" + i) with { MatchWeight = w }).ToArray();
        await Store.SaveAsync(Resolution([Person("p1", R("hmrc", "a0"))], pairs), At, default);

        var all = await Store.ListReviewsByUncertaintyAsync(ReviewStatus.Pending, null, 10, default);
        Assert.Equal([0.25, -0.5, 0.5, -2.0, 3.0, 5.0], all.Select(i => i.MatchWeight));
        // Equal uncertainty (-0.5 and 0.5) is ordered by id, and a page starts strictly after its cursor.
        Assert.True(all[1].Id < all[2].Id);
        var first = await Store.ListReviewsByUncertaintyAsync(ReviewStatus.Pending, null, 2, default);
        Assert.True(ReviewPosition.TryParse(ReviewPosition.Of(first[^1]).ToString(), out var cursor));
        var next = await Store.ListReviewsByUncertaintyAsync(ReviewStatus.Pending, cursor, 2, default);
        Assert.Equal([0.5, -2.0], next.Select(i => i.MatchWeight));

        await Store.DecideAsync(all[0].Id, true, "steward", null, At, default);
        Assert.Equal(5, (await Store.ListReviewsByUncertaintyAsync(ReviewStatus.Pending, null, 10, default)).Count);
        Assert.Equal(all[0].Id, Assert.Single(await Store.ListReviewsByUncertaintyAsync(ReviewStatus.Accepted, null, 10, default)).Id);
        Assert.Null(await Store.GetReviewAsync(12345, default));
    }

    [Fact]
    public async Task Reviews_of_records_find_a_record_on_either_side_once_each()
    {
        await Store.SaveAsync(Resolution([Person("p1", R("hmrc", "a"))], Pair("a", "b"), Pair("a", "c"), Pair("x", "b"), Pair("y", "z")), At, default);
        var found = await Store.ReviewsOfRecordsAsync([R("hmrc", "a"), R("dwp", "b")], default);
        Assert.Equal(3, found.Count);
        Assert.DoesNotContain(found, i => i.Left.RecordKey == "y");
        Assert.True(found.Select(i => i.Id).SequenceEqual(found.Select(i => i.Id).Order()));
        Assert.Empty(await Store.ReviewsOfRecordsAsync([R("dwp", "nobody")], default));
    }

    [Fact]
    public async Task The_latest_resolution_settings_and_each_records_person_are_kept()
    {
        Assert.Null(await Store.GetSettingsAsync(default));
        var settings = LinkageSettingsJson.Read("""
            {"linkType":"dedupe","uniqueIdColumn":"id","columns":[{"name":"name"}],
             "comparisons":[{"column":"name","levels":[{"type":"exact"}]}],
             "blockingRules":["name"],"goldenRecord":{"defaultStrategy":"mostTrusted","sourcePriority":["hmrc"]}}
            """);
        Assert.True(settings.IsSuccess, settings.IsSuccess ? null : settings.Errors[0].Message);
        await Store.SaveAsync(Resolution([Person("p1", R("hmrc", "a"))]) with { Settings = settings.Value }, At, default);
        var kept = await Store.GetSettingsAsync(default);
        Assert.Equal(SurvivorshipStrategy.MostTrusted, kept!.GoldenRecord!.DefaultStrategy);
        Assert.Equal(["hmrc"], kept.GoldenRecord.SourcePriority);

        // A resolution without settings (an accepted review joining two persons) leaves them as they are.
        await Store.SaveAsync(Resolution([Person("p2", R("dwp", "b"))]), At, default);
        Assert.NotNull(await Store.GetSettingsAsync(default));
        Assert.Equal("p1", await Store.GetPersonIdAsync(R("hmrc", "a"), default));
        Assert.Equal("p2", await Store.GetPersonIdAsync(R("dwp", "b"), default));
        Assert.Null(await Store.GetPersonIdAsync(R("dwp", "nobody"), default));
    }

    [Fact]
    public async Task Review_pages_go_past_a_thousand_and_a_page_beyond_the_cap_is_refused()
    {
        // Issue 14.5: the stores cut every page at 1,000 items, so the API's "one more than the page" probe at limit=1000
        // found no more and the rest of the queue looked absent.
        var pairs = Enumerable.Range(0, 1_001).Select(i => Pair($"L{i:D4}", $"R{i:D4}")).ToArray();
        await Store.SaveAsync(Resolution([], pairs), At, default);

        Assert.Equal(1_001, (await Store.ListReviewsAsync(ReviewStatus.Pending, 0, 1_001, default)).Count);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListReviewsAsync(ReviewStatus.Pending, 0, IPersonStore.MaxPageSize + 1, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListPersonsAsync(null, IPersonStore.MaxPageSize + 1, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListPersonsAsync(null, 0, default));
    }
}

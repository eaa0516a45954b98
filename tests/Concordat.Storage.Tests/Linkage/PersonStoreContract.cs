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

        var decided = await Store.DecideAsync(pending[0].Id, accept: false, "steward", At, default);
        Assert.Equal(ReviewStatus.Rejected, decided.Value.Status);
        Assert.Equal("steward", decided.Value.DecidedBy);
        Assert.Equal(At, decided.Value.DecidedAt);

        var again = await Store.DecideAsync(pending[0].Id, accept: true, "other", At, default);
        Assert.Equal(ErrorKind.Conflict, again.Errors[0].Kind);
        Assert.Equal(ErrorKind.NotFound, (await Store.DecideAsync(999, true, "s", At, default)).Errors[0].Kind);

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

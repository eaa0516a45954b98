using Concordat.Core;
using Concordat.Core.Linkage;
using Concordat.Storage.Sqlite;
using Concordat.Storage.Tests.Sqlite;

namespace Concordat.Storage.Tests.Linkage;

public sealed class SqlitePersonStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    private SqlitePersonStore Store => new(_db.Database);

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

    public void Dispose() => _db.Dispose();
}

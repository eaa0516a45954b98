using Concordat.Core.Linkage;

namespace Concordat.Core.Tests.Linkage;

public sealed class PersonResolverTests
{
    private static readonly LinkageSettings Settings = new()
    {
        LinkType = LinkType.LinkAndDedupe,
        UniqueIdColumn = "key",
        Columns = [new ColumnSettings { Name = "name", Role = ColumnRole.FamilyName }, new ColumnSettings { Name = "dob", Role = ColumnRole.DateOfBirth }, new ColumnSettings { Name = "town" }],
        Comparisons =
        [
            new ComparisonSettings { Column = "name", Levels = [new ComparisonLevelSettings { Type = ComparisonLevelKind.Exact }] },
            new ComparisonSettings { Column = "dob", Levels = [new ComparisonLevelSettings { Type = ComparisonLevelKind.Exact }] },
        ],
        BlockingRules = ["dob", "name"],
        GoldenRecord = new GoldenRecordSettings
        {
            SourcePriority = ["dwp", "hmrc"],
            Rules = [new SurvivorshipRule { Field = "town", Strategy = SurvivorshipStrategy.MostRecent }, new SurvivorshipRule { Field = "name", Strategy = SurvivorshipStrategy.MostTrusted }],
        },
    };

    // Name and date agreeing: p ~ 0.9995; one of them: p ~ 0.69 (review band); neither: p ~ 0.003.
    private static readonly LinkageModel Model = new()
    {
        ProbabilityTwoRandomRecordsMatch = 0.2,
        Comparisons =
        [
            new ComparisonModel { Name = "name", Column = "name", Levels = [new LevelModel { Label = "exact", M = 0.9, U = 0.01 }, new LevelModel { Label = "else", M = 0.1, U = 0.99 }] },
            new ComparisonModel { Name = "dob", Column = "dob", Levels = [new LevelModel { Label = "exact", M = 0.9, U = 0.01 }, new LevelModel { Label = "else", M = 0.1, U = 0.99 }] },
        ],
    };

    private static readonly DateTimeOffset Early = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static HubRecord Record(string dataset, string key, string name, string dob, string town, int day = 0) =>
        new(new RecordRef(dataset, key), Early.AddDays(day), new Dictionary<string, string?> { ["name"] = name, ["dob"] = dob, ["town"] = town });

    private static readonly HubRecord[] Records =
    [
        Record("hmrc", "h1", "SMITH", "1980-01-01", "Leeds", day: 1),
        Record("dwp", "d1", "SMYTHE", "1980-01-01", "York", day: 2),
        Record("dwp", "d2", "SMITH", "1980-01-01", "Hull", day: 0),
        Record("hmrc", "h2", "JONES", "1990-05-05", "Bath"),
        Record("dwp", "d3", "JONES", "1970-07-07", "Wells"),
    ];

    private static PersonResolution Resolve(IReadOnlyList<HubRecord> records, IReadOnlyDictionary<RecordRef, string>? links = null, IReadOnlyList<ReviewItem>? decisions = null, bool incremental = false) =>
        PersonResolver.Resolve(Settings, Model, records, links ?? new Dictionary<RecordRef, string>(), decisions ?? [], new ResolveOptions { Incremental = incremental }).Value;

    private static Dictionary<RecordRef, string> Links(PersonResolution resolution) =>
        resolution.Persons.SelectMany(p => p.Records.Select(r => (r, p.PersonId))).ToDictionary(x => x.r, x => x.PersonId);

    [Fact]
    public void Links_confident_pairs_and_queues_uncertain_ones()
    {
        var resolution = Resolve(Records);
        var links = Links(resolution);
        Assert.Equal(links[new("hmrc", "h1")], links[new("dwp", "d2")]);
        Assert.NotEqual(links[new("hmrc", "h1")], links[new("dwp", "d1")]);
        Assert.Equal(4, resolution.Persons.Count);
        Assert.Contains(resolution.ReviewQueue, r => r.Left == new RecordRef("dwp", "d1") && r.Right == new RecordRef("hmrc", "h1"));
        Assert.All(resolution.ReviewQueue, r => Assert.InRange(r.MatchProbability, 0.5, 0.9));
        Assert.All(resolution.ReviewQueue, r => Assert.NotNull(r.Explanation));
    }

    [Fact]
    public void Capped_review_queue_says_how_many_pairs_were_in_the_band_and_no_cap_queues_them_all()
    {
        // Issue 14.5: the queue used to keep 10,000 pairs without a word.
        PersonResolution Run(int? cap) => PersonResolver.Resolve(
            Settings, Model, Records, new Dictionary<RecordRef, string>(), [], new ResolveOptions { MaxReviewItems = cap }).Value;

        var all = Run(null);
        var capped = Run(1);

        Assert.True(all.ReviewPairsInBand >= 3, $"{all.ReviewPairsInBand} pairs in the band");
        Assert.Equal(all.ReviewPairsInBand, all.ReviewQueue.Count);
        Assert.Equal(all.ReviewPairsInBand, capped.ReviewPairsInBand);
        var first = Assert.Single(capped.ReviewQueue);
        Assert.Equal((all.ReviewQueue[0].Left, all.ReviewQueue[0].Right), (first.Left, first.Right));
        Assert.Equal(ResolveOptions.DefaultMaxReviewItems, new ResolveOptions().MaxReviewItems);
        Assert.False(PersonResolver.Resolve(Settings, Model, Records, new Dictionary<RecordRef, string>(), [], new ResolveOptions { MaxReviewItems = -1 }).IsSuccess);
    }

    [Fact]
    public void Person_ids_are_stable_across_runs()
    {
        var first = Links(Resolve(Records));
        var again = Links(Resolve(Records, first));
        Assert.Equal(first, again);

        // A fresh run on the same data derives the same ids too.
        Assert.Equal(first, Links(Resolve(Records)));
    }

    [Fact]
    public void Steward_decisions_are_respected_by_later_runs()
    {
        var first = Resolve(Records);
        var accept = first.ReviewQueue.Single(r => r.Left == new RecordRef("dwp", "d1") && r.Right == new RecordRef("hmrc", "h1")) with { Status = ReviewStatus.Accepted };
        var accepted = Links(Resolve(Records, Links(first), [accept]));
        Assert.Equal(accepted[new("dwp", "d1")], accepted[new("hmrc", "h1")]);

        var reject = new ReviewItem { Left = new("dwp", "d2"), Right = new("hmrc", "h1"), MatchWeight = 10, MatchProbability = 0.99, Status = ReviewStatus.Rejected };
        var rejected = Resolve(Records, Links(first), [reject]);
        Assert.NotEqual(Links(rejected)[new("dwp", "d2")], Links(rejected)[new("hmrc", "h1")]);
        Assert.DoesNotContain(rejected.ReviewQueue, r => r.Left == reject.Left && r.Right == reject.Right);
    }

    [Fact]
    public void New_records_link_incrementally_to_existing_persons()
    {
        var first = Resolve(Records);
        var links = Links(first);
        var newcomer = Record("council", "c1", "SMITH", "1980-01-01", "Leeds", day: 5);
        var incremental = Resolve([.. Records, newcomer], links, incremental: true);

        var person = Assert.Single(incremental.Persons);
        Assert.Equal(links[new("hmrc", "h1")], person.PersonId);
        Assert.Contains(newcomer.Ref, person.Records);
        Assert.Equal(1, incremental.NewlyLinkedRecords);
        Assert.Equal(0, incremental.NewPersons);
    }

    [Fact]
    public void Golden_record_follows_survivorship_rules()
    {
        var person = PersonResolver.Golden("p", [Records[0], Records[1], Records[2]], Settings);
        Assert.Equal("SMYTHE", person.Golden["name"]); // most trusted source: dwp first, then the most recent dwp record
        Assert.Equal(new RecordRef("dwp", "d1"), person.GoldenSources["name"]);
        Assert.Equal("York", person.Golden["town"]); // most recent
        Assert.Equal("1980-01-01", person.Golden["dob"]); // most common (default)
    }
}

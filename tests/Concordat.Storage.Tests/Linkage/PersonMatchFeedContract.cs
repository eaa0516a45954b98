using System.Globalization;
using System.Text;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Concordat.Core.Linkage;
using Concordat.Storage.Tests.Contracts;

namespace Concordat.Storage.Tests.Linkage;

/// <summary>
/// The person match index follows the stores' change feeds (issue 14): what ingests and resolutions commit after it
/// was built reaches matching by a catch-up that reads only the changes, whatever the dialect.
/// </summary>
public abstract class PersonMatchFeedContract : StoreContract
{
    private const string Dataset = "hmrc-taxpayers";
    private const int People = 60;

    private const string SettingsJson = """
        {
          "uniqueIdColumn": "key",
          "columns": [
            { "name": "givenName", "role": "givenName" }, { "name": "familyName", "role": "familyName" },
            { "name": "dob", "role": "dateOfBirth" }, { "name": "nino", "role": "nino" }
          ],
          "comparisons": [
            { "column": "givenName", "levels": [ { "type": "exact" }, { "type": "jaroWinkler", "threshold": 0.88 } ] },
            { "column": "familyName", "levels": [ { "type": "exact", "tf": true }, { "type": "jaroWinkler", "threshold": 0.88 } ] },
            { "column": "dob", "levels": [ { "type": "exact" } ] },
            { "column": "nino", "levels": [ { "type": "exact" } ] }
          ],
          "blockingRules": [ "dob", "nino" ],
          "trainingBlockingRules": [ "dob", "nino", "familyName" ],
          "deterministicRules": [ "nino & dob" ],
          "uSamplePairs": 20000, "maxTrainingPairs": 20000
        }
        """;

    private static readonly Lazy<(LinkageSettings Settings, LinkageModel Model)> Trained = new(() =>
    {
        var settings = LinkageSettingsJson.Read(SettingsJson).Value;
        var csv = new StringBuilder("key,givenName,familyName,dob,nino\n");
        foreach (var (key, json, _) in Population())
        {
            var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
            csv.Append(CultureInfo.InvariantCulture, $"{key},{fields["givenName"]},{fields["familyName"]},{fields["dob"]},{fields["nino"]}\n");
        }

        using var source = new CsvRecordSource(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new SourceOptions());
        return (settings, new LinkageEngine(settings).Train(LinkageData.Load(settings, [source]).Value).Value);
    });

    private static readonly Dictionary<string, string?> Zebedee = new(StringComparer.Ordinal)
    {
        ["givenName"] = "Zebedee", ["familyName"] = "Quillfeather", ["dob"] = "1931-02-03", ["nino"] = "ZX123456C",
    };

    private const string ZebedeeJson = """{"givenName":"Zebedee","familyName":"Quillfeather","dob":"1931-02-03","nino":"ZX123456C"}""";

    [Fact]
    public async Task The_link_feed_carries_only_links_a_resolution_made_or_moved_in_commit_order()
    {
        var store = Stores.Persons;
        var start = (await store.GetLinkChangesAsync(long.MaxValue, 1, default)).Latest;
        await store.SaveAsync(Resolution(("p1", "a"), ("p1", "b")), TestStores.At(2026, 1, 3), default);
        var first = await store.GetLinkChangesAsync(start, 100, default);
        Assert.Equal(["a", "b"], first.Changes.Select(c => c.Record.RecordKey).Order());
        Assert.All(first.Changes, c => Assert.Equal("p1", c.PersonId));
        Assert.Equal(first.Changes[^1].Sequence, first.Latest);

        // Saving the same links again changes nothing; moving one record adds one change naming its new person.
        await store.SaveAsync(Resolution(("p1", "a"), ("p1", "b")), TestStores.At(2026, 1, 4), default);
        Assert.Empty((await store.GetLinkChangesAsync(first.Latest, 100, default)).Changes);
        await store.SaveAsync(Resolution(("p2", "b")), TestStores.At(2026, 1, 5), default);
        var moved = await store.GetLinkChangesAsync(first.Latest, 100, default);
        Assert.Equal(("b", "p2"), (moved.Changes.Single().Record.RecordKey, moved.Changes.Single().PersonId));
        Assert.True(moved.Changes[0].Sequence > first.Latest);
        Assert.Equal(moved.Changes[0].Sequence, moved.Latest);
        Assert.Equal(0, moved.PrunedUpTo);
        Assert.Single((await store.GetLinkChangesAsync(first.Latest, 1, default)).Changes);
    }

    [Fact]
    public async Task Committed_runs_list_in_id_order_with_the_versions_each_wrote()
    {
        await Stores.SeedDatasetAsync();
        var first = Stores.Load(Dataset, RefreshMode.Full, ("K1", """{"nino":"AB123456C"}"""), ("K2", """{"nino":"CE987654D"}"""));
        var second = Stores.Load(Dataset, RefreshMode.Full, ("K1", """{"nino":"AB123456C","givenName":"Ann"}"""));

        Assert.Equal([first, second], (await Stores.Records.ListCommittedRunsAsync(0, 10, default)).Select(r => r.RunId));
        Assert.Equal([second], (await Stores.Records.ListCommittedRunsAsync(first, 10, default)).Select(r => r.RunId));
        Assert.All(await Stores.Records.ListCommittedRunsAsync(0, 10, default), r => Assert.Equal(Dataset, r.DatasetId));
        var written = await Stores.Records.ListVersionsOfRunAsync(Dataset, second, null, 10, default);
        Assert.Equal([("K1", false), ("K2", true)], written.Select(v => (v.Key, v.IsDeleted)));
        Assert.Equal(["K2"], (await Stores.Records.ListVersionsOfRunAsync(Dataset, second, "K1", 10, default)).Select(v => v.Key));
        Assert.Equal(["K1"], (await Stores.Records.ListVersionsOfRunAsync(Dataset, second, null, 1, default)).Select(v => v.Key));
    }

    [Fact]
    public async Task A_newly_resolved_person_is_matched_after_a_catch_up_that_reads_only_the_changes()
    {
        var counting = new CountingRecordStore(Stores.Records);
        using var index = await BuildAsync(counting);
        Assert.Empty(Match(index, Zebedee));

        Stores.Load(Dataset, RefreshMode.Incremental, ("Z1", ZebedeeJson));
        await Stores.Persons.SaveAsync(Resolution(("prs_zeb", "Z1")), TestStores.At(2026, 1, 3), default);
        counting.Pages = 0;
        var caughtUp = await PersonMatchIndexLoader.CatchUpAsync(index, Stores.Persons, counting, default);

        Assert.False(caughtUp.RebuildNeeded);
        Assert.Equal(1, caughtUp.RecordsChanged);
        Assert.Equal(0, counting.Pages);
        Assert.Equal("prs_zeb", Match(index, Zebedee)[0].PersonId);
        Assert.Equal(People + 1, index.PersonCount);

        // Nothing committed since: a second catch-up changes nothing.
        Assert.Equal(new PersonMatchCatchUp(0, false), await PersonMatchIndexLoader.CatchUpAsync(index, Stores.Persons, counting, default));
    }

    [Fact]
    public async Task A_deleted_record_leaves_matching_comes_back_with_a_new_version_and_a_moved_one_follows_its_person()
    {
        using var index = await BuildAsync(Stores.Records);
        Stores.Load(Dataset, RefreshMode.Incremental, ("Z1", ZebedeeJson));
        await Stores.Persons.SaveAsync(Resolution(("prs_zeb", "Z1")), TestStores.At(2026, 1, 3), default);
        await PersonMatchIndexLoader.CatchUpAsync(index, Stores.Persons, Stores.Records, default);
        Assert.Equal("prs_zeb", Match(index, Zebedee)[0].PersonId);

        // A full refresh without Z1 deletes it at its source: it is no longer a candidate.
        Stores.Load(Dataset, RefreshMode.Full, [.. Population().Select(p => (p.Key, p.Json))]);
        Assert.True((await PersonMatchIndexLoader.CatchUpAsync(index, Stores.Persons, Stores.Records, default)).RecordsChanged >= 1);
        Assert.DoesNotContain(Match(index, Zebedee), c => c.PersonId == "prs_zeb");
        Assert.Equal(People, index.PersonCount);

        // Ingested again it is still linked, so it returns to its person; then a resolution moves it.
        Stores.Load(Dataset, RefreshMode.Incremental, ("Z1", ZebedeeJson.Replace("Zebedee", "Zebedy", StringComparison.Ordinal)));
        await PersonMatchIndexLoader.CatchUpAsync(index, Stores.Persons, Stores.Records, default);
        var back = Match(index, Zebedee);
        Assert.Equal("prs_zeb", back[0].PersonId);
        Assert.Equal("ZEBEDY", back[0].Explanation.Steps[0].RightValue);

        await Stores.Persons.SaveAsync(Resolution(("prs_other", "Z1")), TestStores.At(2026, 1, 4), default);
        Assert.Equal(1, (await PersonMatchIndexLoader.CatchUpAsync(index, Stores.Persons, Stores.Records, default)).RecordsChanged);
        Assert.Equal("prs_other", Match(index, Zebedee)[0].PersonId);
        Assert.DoesNotContain(Match(index, Zebedee), c => c.PersonId == "prs_zeb");
    }

    private static IReadOnlyList<PersonCandidate> Match(PersonMatchIndex index, Dictionary<string, string?> record) =>
        index.Match(record, 5, 0.5).Value;

    private async Task<PersonMatchIndex> BuildAsync(IRecordStore records)
    {
        await Stores.SeedDatasetAsync();
        var population = Population().ToList();
        Stores.Load(Dataset, RefreshMode.Full, [.. population.Select(p => (p.Key, p.Json))]);
        await Stores.Persons.SaveAsync(Resolution([.. population.Select(p => (p.Person, p.Key))]), TestStores.At(2026, 1, 2), default);
        var (settings, model) = Trained.Value;
        return (await PersonMatchIndexLoader.LoadAsync(settings, model, Stores.Persons, records, default)).Value;
    }

    private static PersonResolution Resolution(params (string Person, string Key)[] links)
    {
        var persons = links.GroupBy(l => l.Person).Select(g => new Person
        {
            PersonId = g.Key,
            Records = [.. g.Select(l => new RecordRef(Dataset, l.Key))],
            Golden = new Dictionary<string, string?>(),
            GoldenSources = new Dictionary<string, RecordRef>(),
        }).ToList();
        return new PersonResolution { Persons = persons, ReviewQueue = [], NewPersons = persons.Count, NewlyLinkedRecords = links.Length, PairsScored = 0 };
    }

    private static IEnumerable<(string Key, string Json, string Person)> Population()
    {
        var random = new Random(5);
        string[] given = ["JOHN", "MARY", "AHMED", "SIOBHAN", "PRIYA", "TOM", "GRACE", "OMAR"];
        string[] family = ["SMITH", "JONES", "KHAN", "PATEL", "WILLIAMS", "BROWN", "TAYLOR", "DAVIES"];
        for (var p = 0; p < People; p++)
        {
            var g = given[random.Next(given.Length)];
            var f = family[random.Next(family.Length)];
            var dob = new DateOnly(1940, 1, 1).AddDays(random.Next(20000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var nino = string.Create(CultureInfo.InvariantCulture, $"JK{random.Next(1_000_000):000000}A");
            for (var copy = 0; copy < 2; copy++)
            {
                var typo = copy == 1 && random.Next(3) == 0 ? g[..^1] : g;
                yield return ($"P{p}C{copy}", $$"""{"givenName":"{{typo}}","familyName":"{{f}}","dob":"{{dob}}","nino":"{{nino}}"}""", $"prs_{p}");
            }
        }
    }

    /// <summary>Counts whole-dataset page reads, which a catch-up must not need.</summary>
    private sealed class CountingRecordStore(IRecordStore inner) : IRecordStore
    {
        public int Pages { get; set; }

        public Task<IReadOnlyList<CommittedRun>> ListCommittedRunsAsync(long afterRunId, int limit, CancellationToken cancellationToken) => inner.ListCommittedRunsAsync(afterRunId, limit, cancellationToken);

        public Task<IReadOnlyList<RecordVersion>> ListVersionsOfRunAsync(string datasetId, long runId, string? afterKey, int limit, CancellationToken cancellationToken) => inner.ListVersionsOfRunAsync(datasetId, runId, afterKey, limit, cancellationToken);

        public Task<RecordVersion?> GetRecordAsync(string datasetId, string key, CancellationToken cancellationToken) => inner.GetRecordAsync(datasetId, key, cancellationToken);

        public Task<IReadOnlyList<RecordVersion>> GetHistoryAsync(string datasetId, string key, CancellationToken cancellationToken) => inner.GetHistoryAsync(datasetId, key, cancellationToken);

        public Task<IReadOnlyList<RecordVersion>> ListRecordsAsync(string datasetId, string? afterKey, int limit, CancellationToken cancellationToken)
        {
            Pages++;
            return inner.ListRecordsAsync(datasetId, afterKey, limit, cancellationToken);
        }

        public Task<IReadOnlyList<RecordVersion>> FindCurrentByFieldAsync(string datasetId, string field, string value, int limit, CancellationToken cancellationToken) => inner.FindCurrentByFieldAsync(datasetId, field, value, limit, cancellationToken);

        public Task<long> CountRecordsAsync(string datasetId, CancellationToken cancellationToken) => inner.CountRecordsAsync(datasetId, cancellationToken);
    }
}

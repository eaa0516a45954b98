using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Linkage;
using Concordat.Server.Tests.Infrastructure;
using Concordat.Storage.Sqlite;

namespace Concordat.Server.Tests.Api;

public sealed class PersonApiTests : IClassFixture<PersonApiTests.SeededHost>
{
    private readonly SeededHost _host;

    public PersonApiTests(SeededHost host) => _host = host;

    [Fact]
    public async Task Admin_reads_persons_with_golden_records()
    {
        using var http = await _host.AsAsync("hub-admin");
        var page = await http.GetFromJsonAsync<JsonObject>("/api/v1/persons?limit=10");
        var person = page!["items"]![0]!;
        Assert.Equal("prs_1", (string)person["personId"]!);
        Assert.Equal("SMITH", (string)person["golden"]!["familyName"]!);
        Assert.Equal(2, person["records"]!.AsArray().Count);

        var one = await http.GetFromJsonAsync<JsonObject>("/api/v1/persons/prs_1");
        Assert.Equal("hmrc-taxpayers", (string)one!["goldenSources"]!["familyName"]!["datasetId"]!);
        await Problem.ReadAsync(await http.GetAsync("/api/v1/persons/nobody"), 404);
    }

    [Fact]
    public async Task A_steward_cannot_read_persons_across_organisations()
    {
        using var http = await _host.AsAsync("dwp-steward");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/v1/persons")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync("/api/v1/linkage/reviews/1/decision", new { decision = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous().GetAsync("/api/v1/linkage/reviews")).StatusCode);
    }

    [Fact]
    public async Task Review_queue_shows_explanations_and_takes_one_decision()
    {
        using var http = await _host.AsAsync("hub-admin");
        var queue = await http.GetFromJsonAsync<JsonObject>("/api/v1/linkage/reviews?status=pending");
        var item = queue!["items"]!.AsArray().Single(i => (string)i!["left"]!["recordKey"]! == "D2")!;
        Assert.Equal(-12.5, (double)item["explanation"]!["priorWeight"]!);

        await Problem.ReadAsync(await http.PostAsJsonAsync($"/api/v1/linkage/reviews/{(long)item["id"]!}/decision", new { decision = "maybe" }), 400);
        using var decided = await http.PostAsJsonAsync($"/api/v1/linkage/reviews/{(long)item["id"]!}/decision", new { decision = "reject", reason = "Different dates of birth." });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var body = await decided.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("rejected", (string)body!["status"]!);
        Assert.Equal("hub-admin", (string)body["decidedBy"]!);
        Assert.Equal("Different dates of birth.", (string)body["decisionReason"]!);
        await Problem.ReadAsync(await http.PostAsJsonAsync($"/api/v1/linkage/reviews/{(long)item["id"]!}/decision", new { decision = "accept" }), 409);
        await Problem.ReadAsync(await http.PostAsJsonAsync("/api/v1/linkage/reviews/424242/decision", new { decision = "accept" }), 404);
        await Problem.ReadAsync(await http.GetAsync("/api/v1/linkage/reviews?status=maybe"), 400);
    }

    public sealed class SeededHost : ConcordatHost
    {
        public SeededHost()
        {
            EnsureStarted();
            var store = new SqlitePersonStore(Database);
            RecordRef a = new("hmrc-taxpayers", "T1"), b = new("dwp-claimants", "D1"), c = new("dwp-claimants", "D2");
            var person = new Person
            {
                PersonId = "prs_1",
                Records = [b, a],
                Golden = new Dictionary<string, string?> { ["familyName"] = "SMITH" },
                GoldenSources = new Dictionary<string, RecordRef> { ["familyName"] = a },
            };
            var review = new ReviewItem
            {
                Left = c,
                Right = a,
                MatchWeight = 0.5,
                MatchProbability = 0.58,
                Explanation = new PairExplanation { LeftId = "D2", RightId = "T1", PriorWeight = -12.5, Steps = [], Weight = 0.5, Probability = 0.58 },
            };
            store.SaveAsync(new PersonResolution { Persons = [person], ReviewQueue = [review], NewPersons = 1, NewlyLinkedRecords = 2, PairsScored = 1 }, DateTimeOffset.UtcNow, default)
                .GetAwaiter().GetResult();
        }
    }
}

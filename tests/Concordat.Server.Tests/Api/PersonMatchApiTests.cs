using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Concordat.Core.Linkage;
using Concordat.Server.Api.Persons;
using Concordat.Server.Tests.Infrastructure;
using Concordat.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Api;

public sealed class PersonMatchApiTests : IClassFixture<PersonMatchApiTests.MatchHost>
{
    private readonly MatchHost _host;

    public PersonMatchApiTests(MatchHost host) => _host = host;

    private IAuditLog Audit => _host.Services.GetRequiredService<IAuditLog>();

    [Fact]
    public async Task Admin_matches_one_record_to_its_person_with_the_waterfall_and_the_access_is_audited()
    {
        using var http = await _host.AsAsync("hub-admin");
        var before = await Audit.GetSizeAsync(default);

        using var response = await http.PostAsJsonAsync("/api/v1/persons/match", new
        {
            record = new { givenName = "Ann", familyName = "ONEILL", dob = "1950-03-04" },
            limit = 3,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var best = body["candidates"]![0]!;
        Assert.Equal("prs_ann", (string)best["personId"]!);
        Assert.True((double)best["probability"]! > 0.9);
        Assert.Equal("hmrc-taxpayers", (string)best["record"]!["datasetId"]!);
        Assert.Equal(4, best["explanation"]!["steps"]!.AsArray().Count);
        Assert.True((int)body["personsIndexed"]! >= MatchHost.People + 1);
        var entry = (await Audit.GetEntryAsync(before, default))!.Entry;
        Assert.Equal(("person-match", AuditOutcome.Permitted, "hub-admin"), (entry.Action, entry.Outcome, entry.ClientId));
        Assert.Equal(before + 1, await Audit.GetSizeAsync(default));
    }

    [Fact]
    public async Task A_steward_is_refused_with_a_problem_code_and_the_refusal_is_audited()
    {
        using var http = await _host.AsAsync("dwp-steward");
        var before = await Audit.GetSizeAsync(default);

        using var response = await http.PostAsJsonAsync("/api/v1/persons/match", new { record = new { familyName = "ONEILL", dob = "1950-03-04" } });

        var problem = await Problem.ReadAsync(response, 403);
        Assert.Equal("auth.forbidden", Problem.Code(problem));
        var entry = (await Audit.GetEntryAsync(before, default))!.Entry;
        Assert.Equal(("person-match", AuditOutcome.Denied, "auth.forbidden"), (entry.Action, entry.Outcome, entry.ReasonCode));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous().PostAsJsonAsync("/api/v1/persons/match", new { record = new { dob = "1950-03-04" } })).StatusCode);
    }

    [Theory]
    [InlineData("""{"record":{"dob":"1950-03-04"},"limits":3}""", "request.unknown_property")]
    [InlineData("""{"record":{"shoeSize":"9"}}""", "persons.match_unknown_column")]
    [InlineData("""{"record":{}}""", "persons.match_empty")]
    [InlineData("""{}""", "persons.match_empty")]
    [InlineData("""{"record":{"dob":"1950-03-04"},"limit":0}""", "persons.match_limit_invalid")]
    [InlineData("""{"record":{"dob":"1950-03-04"},"minProbability":1.5}""", "persons.match_probability_invalid")]
    [InlineData("""{"record":{"dob":"1950-03-04"},}""", "request.invalid_json")]
    public async Task Bad_bodies_are_refused_with_stable_codes(string json, string code)
    {
        using var http = await _host.AsAsync("hub-admin");
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        Assert.Equal(code, Problem.Code(await Problem.ReadAsync(await http.PostAsync("/api/v1/persons/match", content), 400)));
    }

    [Fact]
    public async Task Records_ingested_and_linked_after_start_are_matched_after_a_refresh()
    {
        using var http = await _host.AsAsync("hub-admin");
        var query = new { record = new { givenName = "Zebedee", familyName = "Quillfeather", dob = "1931-02-03", nino = "ZX123456C" } };
        var before = (await (await http.PostAsJsonAsync("/api/v1/persons/match", query)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Empty(before["candidates"]!.AsArray());

        IngestSeed.Run(_host, "dwp-claimants", [("Z1", """{"givenName":"Zebedee","familyName":"Quillfeather","dob":"1931-02-03","nino":"ZX123456C"}""")]);
        await MatchHost.LinkAsync(_host, [(new RecordRef("dwp-claimants", "Z1"), "prs_zeb")]);
        Assert.True(await _host.Services.GetRequiredService<PersonMatchService>().RefreshAsync(default) >= 1);

        var after = (await (await http.PostAsJsonAsync("/api/v1/persons/match", query)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("prs_zeb", (string)after["candidates"]![0]!["personId"]!);
    }

    [Fact]
    public async Task A_hub_without_match_settings_answers_409_with_a_code()
    {
        using var host = new ConcordatHost();
        using var http = await host.AsAsync("hub-admin");
        using var response = await http.PostAsJsonAsync("/api/v1/persons/match", new { record = new { dob = "1950-03-04" } });
        Assert.Equal("persons.match_unavailable", Problem.Code(await Problem.ReadAsync(response, 409)));
    }

    [Fact]
    public async Task A_block_cap_out_of_range_is_a_configuration_error_not_a_bad_request()
    {
        using var host = new CappedHost();
        using var http = await host.AsAsync("hub-admin");
        var code = "";
        for (var i = 0; i < 50 && code != "persons.match_misconfigured"; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/persons/match", new { record = new { dob = "1950-03-04" } });
            code = Problem.Code(await Problem.ReadAsync(response, 409));
            await Task.Delay(100);
        }

        Assert.Equal("persons.match_misconfigured", code);
    }

    [Fact]
    public async Task The_answer_says_how_many_records_were_scored_and_which_blocks_were_left_out()
    {
        using var http = await _host.AsAsync("hub-admin");
        using var response = await http.PostAsJsonAsync("/api/v1/persons/match", new { record = new { givenName = "Ann", familyName = "ONEILL", dob = "1950-03-04" } });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True((int)body["recordsScored"]! >= 1);
        Assert.Empty(body["skippedBlocks"]!.AsArray());
    }

    private sealed class CappedHost() : ConcordatHost(new Dictionary<string, string?>
    {
        ["Concordat:PersonMatch:Settings"] = "unused.json",
        ["Concordat:PersonMatch:Model"] = "unused.json",
        ["Concordat:PersonMatch:MaxBlockRecords"] = "0",
    });

    public sealed class MatchHost : ConcordatHost
    {
        public const int People = 400;

        private const string Settings = """
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
              "uSamplePairs": 50000, "maxTrainingPairs": 50000
            }
            """;

        private static readonly string Files = Directory.CreateTempSubdirectory("concordat-match-").FullName;

        public MatchHost()
            : base(Configure())
        {
            EnsureStarted();
            var records = new List<(string Key, string Json)>();
            var links = new List<(RecordRef, string)>();
            foreach (var (key, json, person) in Population())
            {
                records.Add((key, json));
                links.Add((new RecordRef("hmrc-taxpayers", key), person));
            }

            records.Add(("ANN", """{"givenName":"Ann","familyName":"O'Neill","dob":"1950-03-04","nino":"AB123456C"}"""));
            links.Add((new RecordRef("hmrc-taxpayers", "ANN"), "prs_ann"));
            IngestSeed.Run(this, "hmrc-taxpayers", records);
            LinkAsync(this, links).GetAwaiter().GetResult();
            Services.GetRequiredService<PersonMatchService>().RefreshAsync(default).GetAwaiter().GetResult();
        }

        public static async Task LinkAsync(ConcordatHost host, IReadOnlyList<(RecordRef Record, string Person)> links)
        {
            var store = new SqlitePersonStore(host.Database);
            var persons = links.GroupBy(l => l.Person).Select(g => new Person
            {
                PersonId = g.Key,
                Records = [.. g.Select(l => l.Record)],
                Golden = new Dictionary<string, string?>(),
                GoldenSources = new Dictionary<string, RecordRef>(),
            }).ToList();
            await store.SaveAsync(new PersonResolution { Persons = persons, ReviewQueue = [], NewPersons = persons.Count, NewlyLinkedRecords = links.Count, PairsScored = 0 }, DateTimeOffset.UtcNow, default);
        }

        private static IEnumerable<(string Key, string Json, string Person)> Population()
        {
            var random = new Random(3);
            string[] given = ["JOHN", "MARY", "AHMED", "SIOBHAN", "PRIYA", "TOM", "GRACE", "OMAR", "LUCY", "RHYS"];
            string[] family = ["SMITH", "JONES", "KHAN", "PATEL", "WILLIAMS", "BROWN", "TAYLOR", "DAVIES", "EVANS", "WILSON", "MORGAN", "HUGHES"];
            for (var p = 0; p < People; p++)
            {
                var g = given[random.Next(given.Length)];
                var f = family[random.Next(family.Length)] + (random.Next(4) == 0 ? "E" : "");
                var dob = new DateOnly(1940, 1, 1).AddDays(random.Next(20000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var nino = string.Create(CultureInfo.InvariantCulture, $"JK{random.Next(1_000_000):000000}A");
                for (var copy = 0; copy < 2; copy++)
                {
                    var typo = copy == 1 && random.Next(3) == 0 ? g[..^1] : g;
                    yield return ($"P{p}C{copy}", $$"""{"givenName":"{{typo}}","familyName":"{{f}}","dob":"{{dob}}","nino":"{{(copy == 1 && random.Next(4) == 0 ? "" : nino)}}"}""", $"prs_{p}");
                }
            }
        }

        // The model is trained on the same population, as `persons resolve --model-out` would.
        private static Dictionary<string, string?> Configure()
        {
            var settings = LinkageSettingsJson.Read(Settings).Value;
            var csv = new StringBuilder("key,givenName,familyName,dob,nino\n");
            foreach (var (key, json, _) in Population())
            {
                var fields = JsonNode.Parse(json)!.AsObject();
                csv.Append(CultureInfo.InvariantCulture, $"{key},{fields["givenName"]},{fields["familyName"]},{fields["dob"]},{fields["nino"]}\n");
            }

            using var source = new CsvRecordSource(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new SourceOptions());
            var data = LinkageData.Load(settings, [source]).Value;
            var model = new LinkageEngine(settings).Train(data).Value;
            File.WriteAllText(Path.Combine(Files, "settings.json"), Settings);
            File.WriteAllText(Path.Combine(Files, "model.json"), model.ToJson());
            return new Dictionary<string, string?>
            {
                ["Concordat:PersonMatch:Settings"] = Path.Combine(Files, "settings.json"),
                ["Concordat:PersonMatch:Model"] = Path.Combine(Files, "model.json"),
                ["Concordat:PersonMatch:RefreshInterval"] = "01:00:00",
            };
        }
    }
}

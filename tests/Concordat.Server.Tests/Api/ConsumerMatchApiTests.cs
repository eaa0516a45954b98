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
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Api;

/// <summary>A consumer service matches one record under a data sharing agreement (issue 14): shaped, refused without, audited.</summary>
public sealed class ConsumerMatchApiTests : IClassFixture<ConsumerMatchApiTests.Host>
{
    private const string Shared = "match-shared";
    private const string YearOnly = "match-year-only";
    private readonly Host _host;

    public ConsumerMatchApiTests(Host host) => _host = host;

    private IAuditLog Audit => _host.Services.GetRequiredService<IAuditLog>();

    private static JsonObject Body(string agreement, JsonObject record) => new()
    {
        ["agreementId"] = agreement,
        ["purpose"] = "benefit-eligibility",
        ["datasetId"] = "dwp-claimants",
        ["record"] = record,
        ["limit"] = 3,
    };

    private static JsonObject Ann() => new() { ["givenName"] = "Anne", ["familyName"] = "ONEILL", ["nino"] = "AB123456C" };

    [Fact]
    public async Task A_consumer_with_an_agreement_matches_and_gets_records_shaped_by_it_and_the_access_is_audited()
    {
        using var http = await _host.AsAsync("leeds-council-service");
        var before = await Audit.GetSizeAsync(default);

        using var response = await http.PostAsJsonAsync("/api/v1/exchange/person-matches", Body(Shared, Ann()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var best = body["candidates"]![0]!.AsObject();
        Assert.True((double)best["probability"]! > 0.9);
        // The record is what a look-up under the agreement shows: shared fields only, no person id, no record key.
        var record = best["record"]!.AsObject();
        Assert.Equal("AB123456C", (string)record["nino"]!);
        Assert.Equal("O'Neill", (string)record["familyName"]!);
        Assert.False(record.ContainsKey("postcode"));
        Assert.False(best.ContainsKey("personId"));
        Assert.Equal("", (string)best["explanation"]!["rightId"]!);
        // The date of birth was not sent, so the waterfall shows no held value for it.
        var dob = best["explanation"]!["steps"]!.AsArray().Single(s => (string)s!["comparison"]! == "dateOfBirth")!;
        Assert.Null(dob["rightValue"]);
        Assert.Equal("null", (string)dob["level"]!);

        var entry = (await Audit.GetEntryAsync(before, default))!.Entry;
        Assert.Equal(before + 1, await Audit.GetSizeAsync(default));
        Assert.Equal(("person-match", AuditOutcome.Permitted, Shared, "dwp-claimants"), (entry.Action, entry.Outcome, entry.AgreementId, entry.DatasetId));
        Assert.Equal(["familyName", "givenName", "nino"], entry.Fields);
        Assert.NotEmpty(entry.SubjectKeys);
        Assert.Equal(before, (long)body["auditIndex"]!);
    }

    [Fact]
    public async Task Only_the_shared_dataset_is_searched()
    {
        using var http = await _host.AsAsync("leeds-council-service");
        // Zed's only record is in HMRC's dataset, which the agreement does not share.
        using var response = await http.PostAsJsonAsync("/api/v1/exchange/person-matches", Body(Shared, new JsonObject { ["givenName"] = "Zed", ["familyName"] = "QUILL", ["nino"] = "ZX123456C" }));
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body["candidates"]!.AsArray());
    }

    [Theory]
    [InlineData("hmrc-service", Shared, "policy.not_consumer")]
    [InlineData("leeds-council-service", "no-such-agreement", "policy.no_agreement")]
    [InlineData("leeds-council-service", YearOnly, "persons.match_field_transformed")]
    public async Task Refusals_carry_a_code_and_are_audited(string client, string agreement, string code)
    {
        using var http = await _host.AsAsync(client);
        var before = await Audit.GetSizeAsync(default);
        // The year-only agreement shares the given name and NINO as held but the date of birth only as a year.
        var record = new JsonObject { ["givenName"] = "Ann", ["nino"] = "AB123456C", ["dateOfBirth"] = "1950-03-04" };

        using var response = await http.PostAsJsonAsync("/api/v1/exchange/person-matches", Body(agreement, record));

        var problem = await Problem.ReadAsync(response, 403);
        Assert.Equal(code, Problem.Code(problem));
        var entry = (await Audit.GetEntryAsync(before, default))!.Entry;
        Assert.Equal(("person-match", AuditOutcome.Denied, code), (entry.Action, entry.Outcome, entry.ReasonCode));
        Assert.Empty(entry.SubjectKeys);
        Assert.Equal(before + 1, await Audit.GetSizeAsync(default));
    }

    [Fact]
    public async Task A_field_the_agreement_does_not_share_is_refused()
    {
        using var http = await _host.AsAsync("leeds-council-service");
        var record = Ann();
        record["postcode"] = "LS1 4AP";
        using var response = await http.PostAsJsonAsync("/api/v1/exchange/person-matches", Body(Shared, record));
        Assert.Equal("policy.field_not_permitted", Problem.Code(await Problem.ReadAsync(response, 403)));
    }

    [Fact]
    public async Task Stewards_and_the_persons_route_stay_closed_to_consumers()
    {
        using var steward = await _host.AsAsync("dwp-steward");
        Assert.Equal(HttpStatusCode.Forbidden, (await steward.PostAsJsonAsync("/api/v1/exchange/person-matches", Body(Shared, Ann()))).StatusCode);
        using var consumer = await _host.AsAsync("leeds-council-service");
        Assert.Equal(HttpStatusCode.Forbidden, (await consumer.PostAsJsonAsync("/api/v1/persons/match", new { record = Ann() })).StatusCode);
    }

    public sealed class Host : ConcordatHost
    {
        private const string Settings = """
            {
              "uniqueIdColumn": "key",
              "columns": [
                { "name": "givenName", "role": "givenName" }, { "name": "familyName", "role": "familyName" },
                { "name": "dateOfBirth", "role": "dateOfBirth" }, { "name": "nino", "role": "nino" }
              ],
              "comparisons": [
                { "column": "givenName", "levels": [ { "type": "exact" }, { "type": "jaroWinkler", "threshold": 0.88 } ] },
                { "column": "familyName", "levels": [ { "type": "exact", "tf": true }, { "type": "jaroWinkler", "threshold": 0.88 } ] },
                { "column": "dateOfBirth", "levels": [ { "type": "exact" } ] },
                { "column": "nino", "levels": [ { "type": "exact" } ] }
              ],
              "blockingRules": [ "dateOfBirth", "nino" ],
              "trainingBlockingRules": [ "dateOfBirth", "nino", "familyName" ],
              "deterministicRules": [ "nino & dateOfBirth" ],
              "uSamplePairs": 50000, "maxTrainingPairs": 50000
            }
            """;

        private static readonly string Files = Directory.CreateTempSubdirectory("concordat-consumer-match-").FullName;

        public Host()
            : base(Configure())
        {
            EnsureStarted();
            var records = Population().Select(p => (p.Key, p.Json)).ToList();
            records.Add(("AB123456C|pension-credit", """{"nino":"AB123456C","givenName":"Ann","familyName":"O'Neill","dateOfBirth":"1950-03-04","postcode":"LS1 4AP","benefit":"pension-credit","claimStart":"2020-01-01"}"""));
            IngestSeed.Run(this, "dwp-claimants", records);
            IngestSeed.Run(this, "hmrc-taxpayers", [("ZED", """{"nino":"ZX123456C","givenName":"Zed","familyName":"Quill","dob":"1931-02-03"}""")]);
            var links = Population().Select(p => (new RecordRef("dwp-claimants", p.Key), p.Person)).ToList();
            links.Add((new RecordRef("dwp-claimants", "AB123456C|pension-credit"), "prs_ann"));
            links.Add((new RecordRef("hmrc-taxpayers", "ZED"), "prs_zed"));
            PersonMatchApiTests.MatchHost.LinkAsync(this, links).GetAwaiter().GetResult();
            Services.GetRequiredService<PersonMatchService>().RefreshAsync(default).GetAwaiter().GetResult();
            ExchangeFixture.ActivateAsync(this, Shared, terms =>
            {
                var dataset = terms["datasets"]![0]!.AsObject();
                dataset["fields"] = new JsonArray(
                    new JsonObject { ["name"] = "nino" },
                    new JsonObject { ["name"] = "givenName" },
                    new JsonObject { ["name"] = "familyName" },
                    new JsonObject { ["name"] = "dateOfBirth" },
                    new JsonObject { ["name"] = "benefit" });
                dataset.Remove("rowFilters");
            }).GetAwaiter().GetResult();
            ExchangeFixture.ActivateAsync(this, YearOnly).GetAwaiter().GetResult();
        }

        private static IEnumerable<(string Key, string Json, string Person)> Population()
        {
            var random = new Random(9);
            string[] given = ["JOHN", "MARY", "AHMED", "SIOBHAN", "PRIYA", "TOM", "GRACE", "OMAR"];
            string[] family = ["SMITH", "JONES", "KHAN", "PATEL", "WILLIAMS", "BROWN", "TAYLOR", "DAVIES"];
            for (var p = 0; p < 150; p++)
            {
                var g = given[random.Next(given.Length)];
                var f = family[random.Next(family.Length)];
                var dob = new DateOnly(1940, 1, 1).AddDays(random.Next(20000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var nino = string.Create(CultureInfo.InvariantCulture, $"JK{random.Next(1_000_000):000000}A");
                for (var copy = 0; copy < 2; copy++)
                {
                    var typo = copy == 1 && random.Next(3) == 0 ? g[..^1] : g;
                    yield return ($"{nino}|b{copy}", $$"""{"givenName":"{{typo}}","familyName":"{{f}}","dateOfBirth":"{{dob}}","nino":"{{nino}}","benefit":"b{{copy}}"}""", $"prs_{p}");
                }
            }
        }

        private static Dictionary<string, string?> Configure()
        {
            var settings = LinkageSettingsJson.Read(Settings).Value;
            var csv = new StringBuilder("key,givenName,familyName,dateOfBirth,nino\n");
            foreach (var (key, json, _) in Population())
            {
                var fields = JsonNode.Parse(json)!.AsObject();
                csv.Append(CultureInfo.InvariantCulture, $"{key},{fields["givenName"]},{fields["familyName"]},{fields["dateOfBirth"]},{fields["nino"]}\n");
            }

            using var source = new CsvRecordSource(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new SourceOptions());
            var model = new LinkageEngine(settings).Train(LinkageData.Load(settings, [source]).Value).Value;
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

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Concordat.Core.Linkage;
using Concordat.Core.Synthesis;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api;

/// <summary>The waterfall of any pair over HTTP, as <c>concordat link explain</c> prints it.</summary>
public sealed class LinkageExplainApiTests : IClassFixture<ConcordatHost>
{
    private static readonly Lazy<(string Settings, string Model)> Trained = new(() =>
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root!.FullName, "Concordat.slnx")))
        {
            root = root.Parent;
        }

        var settings = LinkageSettingsJson.Read(File.ReadAllText(Path.Combine(root.FullName, "docs", "linkage", "people.settings.json"))).Value;
        using var csv = new MemoryStream();
        SynthPeopleCsv.Write(new SynthOptions { People = 2000, Seed = 3 }, csv);
        using var source = new CsvRecordSource(new MemoryStream(csv.ToArray()), new SourceOptions());
        var data = LinkageData.Load(settings, [source]).Value;
        var model = new LinkageEngine(settings).Train(data).Value;
        return (LinkageSettingsJson.Write(settings), model.ToJson());
    });

    private readonly ConcordatHost _host;

    public LinkageExplainApiTests(ConcordatHost host) => _host = host;

    private static JsonObject Body(Dictionary<string, string?> left, Dictionary<string, string?> right) => new()
    {
        ["settings"] = JsonNode.Parse(Trained.Value.Settings),
        ["model"] = JsonNode.Parse(Trained.Value.Model),
        ["left"] = JsonSerializer.SerializeToNode(left),
        ["right"] = JsonSerializer.SerializeToNode(right),
    };

    [Fact]
    public async Task Explain_returns_each_comparisons_weight_and_a_running_total_that_favours_the_same_person()
    {
        using var steward = await _host.AsAsync("dwp-steward");
        var ann = new Dictionary<string, string?> { ["givenName"] = "Ann", ["familyName"] = "O'Neill", ["dob"] = "1950-03-04", ["postcode"] = "LS1 4AP" };
        var annAgain = new Dictionary<string, string?> { ["givenName"] = "Anne", ["familyName"] = "ONeill", ["dob"] = "1950-04-03", ["postcode"] = "LS1 4AP" };
        var bob = new Dictionary<string, string?> { ["givenName"] = "Robert", ["familyName"] = "Smith", ["dob"] = "1971-11-30", ["postcode"] = "G33 6QA" };

        using var same = await steward.PostAsync("/api/v1/linkage/explain", Bodies.Json(Body(ann, annAgain)));
        var sameText = await same.Content.ReadAsStringAsync();
        Assert.True(same.StatusCode == HttpStatusCode.OK, sameText);
        using var different = await steward.PostAsync("/api/v1/linkage/explain", Bodies.Json(Body(ann, bob)));
        Assert.Equal(HttpStatusCode.OK, different.StatusCode);

        var a = JsonDocument.Parse(sameText).RootElement;
        var b = JsonDocument.Parse(await different.Content.ReadAsStringAsync()).RootElement;
        Assert.True(a.GetProperty("steps").GetArrayLength() > 0);
        Assert.True(a.GetProperty("weight").GetDouble() > b.GetProperty("weight").GetDouble());
        // The running total of the last step is the pair's weight: a waterfall, not just a score.
        var steps = a.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(a.GetProperty("weight").GetDouble(), steps[^1].GetProperty("runningTotal").GetDouble(), 3);
    }

    [Fact]
    public async Task Broken_settings_are_a_problem_and_consumers_are_refused()
    {
        using var steward = await _host.AsAsync("dwp-steward");
        var body = Body(new() { ["givenName"] = "A" }, new() { ["givenName"] = "B" });
        body["settings"]!["comparisons"]![0]!["levels"]![0]!["type"] = "telepathy";
        var problem = await Problem.ReadAsync(await steward.PostAsync("/api/v1/linkage/explain", Bodies.Json(body)), 400);
        Assert.StartsWith("linkage.", Problem.Code(problem), StringComparison.Ordinal);
        Assert.Contains("levels[0].type", problem.GetRawText(), StringComparison.Ordinal);

        using var consumer = await _host.AsAsync("dwp-service");
        await Problem.ReadAsync(await consumer.PostAsync("/api/v1/linkage/explain", Bodies.Json(body)), 403);
    }
}

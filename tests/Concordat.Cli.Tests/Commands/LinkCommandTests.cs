using Concordat.Cli.Commands;

namespace Concordat.Cli.Tests.Commands;

public sealed class LinkCommandTests : IDisposable
{
    private const string Settings = """
        {
          "uniqueIdColumn": "id",
          "columns": [ { "name": "name", "role": "familyName" }, { "name": "dob", "role": "dateOfBirth" } ],
          "comparisons": [
            { "column": "name", "levels": [ { "type": "exact" }, { "type": "jaroWinkler", "threshold": 0.9 } ] },
            { "column": "dob", "levels": [ { "type": "exact" } ] }
          ],
          "blockingRules": [ "dob", "name" ],
          "trainingBlockingRules": [ "dob", "name" ],
          "deterministicRules": [ "name & dob" ],
          "uSamplePairs": 1000, "maxTrainingPairs": 1000
        }
        """;

    private const string People = """
        id,name,dob,person
        1,Smith,1980-01-02,A
        2,SMITH,02/01/1980,A
        3,Smyth,1980-01-02,A
        4,Jones,1975-05-06,B
        5,Jones,1975-05-06,B
        6,Brown,1990-09-09,C
        7,Green,1990-09-09,D
        8,Black,1966-06-06,E
        """;

    private readonly CliWorkspace _ws = new();

    [Fact]
    public async Task Link_writes_pairs_clusters_and_a_reusable_model()
    {
        var input = _ws.Write("people.csv", People);
        var settings = _ws.Write("s.json", Settings);
        var output = _ws.PathOf("out");
        Assert.Equal(0, await _ws.RunAsync("link", input, "-s", settings, "-o", output, "--threshold", "0.5", "--truth", "person", "--report", _ws.PathOf("report.html")));

        var clusters = File.ReadAllLines(Path.Combine(output, "people.clusters.csv"));
        Assert.Equal("id,name,dob,person,clusterId", clusters[0]);
        Assert.Equal(9, clusters.Length);
        var byId = clusters.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[4]);
        Assert.Equal(byId["1"], byId["2"]);
        Assert.Equal(byId["4"], byId["5"]);
        Assert.NotEqual(byId["6"], byId["7"]);
        Assert.StartsWith("leftId,rightId", File.ReadAllLines(Path.Combine(output, "pairs.csv"))[0], StringComparison.Ordinal);
        Assert.Contains("<svg", File.ReadAllText(_ws.PathOf("report.html")), StringComparison.Ordinal);

        var model = Path.Combine(output, "model.json");
        Assert.Equal(0, await _ws.RunAsync("link", "explain", input, "-s", settings, "-m", model, "--left", "1", "--right", "3", "--json"));
        Assert.Equal(0, await _ws.RunAsync("link", "evaluate", input, "-s", settings, "-m", model, "--truth", "person"));
        Assert.Equal(3, await _ws.RunAsync("link", "explain", input, "-s", settings, "-m", model, "--left", "1", "--right", "99"));
    }

    [Fact]
    public async Task Report_shows_the_expected_accuracy_beside_the_measured_figures_only_when_a_truth_column_is_given()
    {
        var input = _ws.Write("people.csv", People);
        var settings = _ws.Write("s.json", Settings);
        Assert.Equal(0, await _ws.RunAsync("link", input, "-s", settings, "-o", _ws.PathOf("t"), "--truth", "person", "--report", _ws.PathOf("truth.html")));
        Assert.Equal(0, await _ws.RunAsync("link", input, "-s", settings, "-o", _ws.PathOf("n"), "--report", _ws.PathOf("none.html")));

        var withTruth = File.ReadAllText(_ws.PathOf("truth.html"));
        var without = File.ReadAllText(_ws.PathOf("none.html"));
        Assert.Contains("Expected accuracy", withTruth, StringComparison.Ordinal);
        Assert.Contains("Expected precision", withTruth, StringComparison.Ordinal);
        Assert.Contains("Measured precision", withTruth, StringComparison.Ordinal);
        Assert.Contains("expected false links", withTruth, StringComparison.Ordinal);
        Assert.Contains("p ≥ 0.9<", withTruth, StringComparison.Ordinal);
        Assert.Contains("Expected precision", without, StringComparison.Ordinal);
        Assert.DoesNotContain("Measured precision", without, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_settings_and_inputs_exit_with_documented_codes()
    {
        var input = _ws.Write("people.csv", People);
        Assert.Equal(2, await _ws.RunAsync("link", input, "-s", _ws.Write("missing.json", Settings.Replace("\"dob\", \"role\"", "\"birth\", \"role\"", StringComparison.Ordinal))));
        Assert.Equal(2, await _ws.RunAsync("link", input, "-s", _ws.Write("type.json", Settings.Replace("jaroWinkler", "magic", StringComparison.Ordinal))));
        Assert.Equal(2, await _ws.RunAsync("link", input, "-s", _ws.Write("budget.json", Settings.Replace("\"uSamplePairs\"", "\"pairBudget\": 1, \"uSamplePairs\"", StringComparison.Ordinal))));
        Assert.Equal(3, await _ws.RunAsync("link", _ws.PathOf("nope.csv"), "-s", _ws.Write("s.json", Settings)));
        Assert.Equal(2, await _ws.RunAsync("link", "evaluate", input, "-s", _ws.Write("s2.json", Settings)));
        File.WriteAllBytes(_ws.PathOf("latin.csv"), System.Text.Encoding.Latin1.GetBytes("id,name,dob\n1,Zoë,1980-01-01\n2,Zoë,1980-01-01\n"));
        Assert.Equal(2, await _ws.RunAsync("link", _ws.PathOf("latin.csv"), "-s", _ws.Write("s3.json", Settings)));
        Assert.Equal(0, await _ws.RunAsync("link", _ws.PathOf("latin.csv"), "-s", _ws.Write("s4.json", Settings), "--encoding", "latin1", "-o", _ws.PathOf("o2")));

        // A valid limit caps the process's garbage collector, so only malformed limits are tried in process.
        Assert.Equal(2, await _ws.RunAsync("link", input, "-s", _ws.Write("s5.json", Settings), "--memory-limit", "lots"));
        Assert.Equal(2, await _ws.RunAsync("link", input, "-s", _ws.Write("s6.json", Settings), "--memory-limit", "0GB"));
        Assert.Equal(2, await _ws.RunAsync("link", input, "-s", _ws.Write("s7.json", Settings), "--memory-limit", "-5GB"));
    }

    [Theory]
    [InlineData("16GB", 16_000_000_000L)]
    [InlineData("800mb", 800_000_000L)]
    [InlineData("1.5GiB", 1_610_612_736L)]
    [InlineData(" 2 GB ", 2_000_000_000L)]
    [InlineData("4096B", 4096L)]
    public void Memory_limits_read_decimal_and_binary_units(string text, long bytes) => Assert.Equal(bytes, ByteSize.Parse(text));

    [Theory]
    [InlineData("16")]
    [InlineData("GB")]
    [InlineData("-1GB")]
    [InlineData("0MB")]
    [InlineData("1e3GB")]
    [InlineData("99999999999TB")]
    public void Memory_limits_without_a_positive_size_and_unit_are_rejected(string text) => Assert.Null(ByteSize.Parse(text));

    [Fact]
    public async Task Link_reads_a_dataset_in_the_hub_as_hub_colon_id()
    {
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "ons", "--name", "Office for National Statistics"));
        var schema = _ws.Write("people.schema.json", """
            {"fields": [
              {"name": "id", "type": "string", "constraints": {"required": true}},
              {"name": "name", "type": "string"}, {"name": "dob", "type": "string"}, {"name": "person", "type": "string"}
            ], "primaryKey": ["id"]}
            """);
        var mapping = _ws.Write("people.mapping.json", """
            {"source": {"format": "csv"}, "mode": "full", "fields": [
              {"field": "id", "from": "id"}, {"field": "name", "from": "name"}, {"field": "dob", "from": "dob"}, {"field": "person", "from": "person"}
            ]}
            """);
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "people", "--org", "ons", "--title", "People", "--schema", schema));
        Assert.Equal(0, await _ws.RunAsync("ingest", "people", _ws.Write("people.csv", People), "--mapping", mapping));
        var settings = _ws.Write("s.json", Settings);
        var output = _ws.PathOf("hub-out");

        Assert.Equal(0, await _ws.RunAsync("link", "hub:people", "-s", settings, "-o", output, "--threshold", "0.5"));

        var clusters = File.ReadAllLines(Path.Combine(output, "people.clusters.csv"));
        Assert.Equal(9, clusters.Length);
        var header = clusters[0].Split(',');
        var byId = clusters.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[Array.IndexOf(header, "id")], f => f[^1]);
        Assert.Equal(byId["1"], byId["2"]);
        Assert.Equal(byId["4"], byId["5"]);
        Assert.NotEqual(byId["6"], byId["7"]);
        Assert.Equal(3, await _ws.RunAsync("link", "hub:no-such-dataset", "-s", settings, "-o", _ws.PathOf("none")));
    }

    public void Dispose() => _ws.Dispose();
}

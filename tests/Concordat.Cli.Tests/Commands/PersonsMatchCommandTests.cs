using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Concordat.Cli.Tests.Commands;

public sealed class PersonsMatchCommandTests : IDisposable
{
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

    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly CliWorkspace _ws = new();

    [Fact]
    public async Task Persons_match_finds_the_resolved_person_of_one_record_and_refuses_bad_fields()
    {
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "dwp", "--name", "Department for Work and Pensions"));
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "dwp-claimants", "--org", "dwp", "--title", "Claimants", "--schema", _ws.Write("schema.json", """
            {"fields": [{"name": "key", "type": "string"}, {"name": "givenName", "type": "string"}, {"name": "familyName", "type": "string"},
             {"name": "dob", "type": "string"}, {"name": "nino", "type": "string"}], "primaryKey": ["key"]}
            """)));
        var random = new Random(5);
        string[] given = ["JOHN", "MARY", "AHMED", "SIOBHAN", "PRIYA", "TOM", "GRACE", "OMAR"];
        string[] family = ["SMITH", "JONES", "KHAN", "PATEL", "WILLIAMS", "BROWN", "TAYLOR", "DAVIES", "EVANS"];
        var csv = new StringBuilder("key,givenName,familyName,dob,nino\n");
        for (var p = 0; p < 300; p++)
        {
            var dob = new DateOnly(1940, 1, 1).AddDays(random.Next(20000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var line = string.Create(CultureInfo.InvariantCulture, $"{given[random.Next(given.Length)]},{family[random.Next(family.Length)]},{dob},JK{random.Next(1_000_000):000000}A");
            csv.Append(CultureInfo.InvariantCulture, $"P{p}A,{line}\nP{p}B,{line}\n");
        }

        csv.Append("ANN1,Ann,O'Neill,1950-03-04,AB123456C\nANN2,Anne,ONeill,1950-03-04,AB123456C\n");
        _ws.Write("m.json", """{"source": {"format": "csv"}, "fields": [{"field": "key", "from": "key"}, {"field": "givenName", "from": "givenName"}, {"field": "familyName", "from": "familyName"}, {"field": "dob", "from": "dob"}, {"field": "nino", "from": "nino"}]}""");
        Assert.Equal(0, await _ws.RunAsync("ingest", "dwp-claimants", _ws.Write("c.csv", csv.ToString()), "--mapping", _ws.PathOf("m.json")));
        var settings = _ws.Write("s.json", Settings);
        Assert.Equal(0, await _ws.RunAsync("persons", "resolve", "dwp-claimants", "-s", settings, "--model-out", _ws.PathOf("model.json")));

        var found = await _ws.RunProcessAsync(NoEnvironment, "persons", "match", "-s", settings, "-m", _ws.PathOf("model.json"),
            "-f", "givenName=Ann", "-f", "familyName=O'NEILL", "-f", "dob=1950-03-04", "--json");

        Assert.Equal(0, found.ExitCode);
        using var candidates = JsonDocument.Parse(found.Output);
        var best = candidates.RootElement[0];
        Assert.True(best.GetProperty("probability").GetDouble() > 0.9);
        Assert.StartsWith("ANN", best.GetProperty("record").GetProperty("recordKey").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, best.GetProperty("explanation").GetProperty("steps").GetArrayLength());
        Assert.Equal(1, candidates.RootElement.EnumerateArray().Count(c => c.GetProperty("personId").GetString() == best.GetProperty("personId").GetString()));

        Assert.Equal(2, await _ws.RunAsync("persons", "match", "-s", settings, "-m", _ws.PathOf("model.json"), "-f", "shoeSize=9"));
        Assert.Equal(2, await _ws.RunAsync("persons", "match", "-s", settings, "-m", _ws.PathOf("model.json"), "-f", "dob"));
        Assert.Equal(2, await _ws.RunAsync("persons", "match", "-s", settings, "-m", _ws.PathOf("model.json"), "-f", "dob=1950-03-04", "--limit", "0"));
    }

    public void Dispose() => _ws.Dispose();
}

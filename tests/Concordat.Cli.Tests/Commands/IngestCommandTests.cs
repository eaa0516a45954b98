using System.Text;
using Concordat.Storage.Sqlite;

namespace Concordat.Cli.Tests.Commands;

public sealed class IngestCommandTests : IDisposable
{
    private const string Schema = """
        {"fields": [
          {"name": "recordId", "type": "string", "constraints": {"required": true}},
          {"name": "nino", "type": "string", "identifier": "nino", "personalData": "personal"},
          {"name": "familyName", "type": "string", "personalData": "personal"}
        ], "primaryKey": ["recordId"]}
        """;

    private const string Mapping = """
        {"source": {"format": "csv"}, "mode": "full", "fields": [
          {"field": "recordId", "from": "REF"},
          {"field": "nino", "from": "NINO", "transforms": ["nino"]},
          {"field": "familyName", "from": "SURNAME", "transforms": ["title"]}
        ]}
        """;

    private readonly CliWorkspace _ws = new();

    private async Task SetUpAsync()
    {
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "hmrc", "--name", "HM Revenue and Customs"));
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "hmrc-taxpayers", "--org", "hmrc", "--title", "Taxpayers", "--schema", _ws.Write("schema.json", Schema)));
        _ws.Write("paye.mapping.json", Mapping);
    }

    [Fact]
    public async Task Ingest_loads_rows_and_exports_quarantine_as_csv()
    {
        await SetUpAsync();
        var csv = _ws.Write("paye.csv", "REF,NINO,SURNAME\n1,AB123456C,SMITH\n2,QQ123456A,=JONES\n");

        Assert.Equal(0, await _ws.RunAsync("ingest", "hmrc-taxpayers", csv, "--mapping", _ws.PathOf("paye.mapping.json")));
        Assert.Equal(0, await _ws.RunAsync("quarantine", "1", "--out", _ws.PathOf("q.csv")));

        var lines = await File.ReadAllLinesAsync(_ws.PathOf("q.csv"));
        Assert.Equal("rowNumber,reasons,REF,NINO,SURNAME", lines[0]);
        Assert.StartsWith("3,\"nino: The first letter cannot be Q", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",2,QQ123456A,'=JONES", lines[1], StringComparison.Ordinal);
        var records = new SqliteRecordStore(new SqliteDatabase(_ws.DatabasePath));
        Assert.Equal(1, await records.CountRecordsAsync("hmrc-taxpayers", default));
    }

    [Fact]
    public async Task Failed_run_exits_1_and_bad_mapping_exits_2()
    {
        await SetUpAsync();
        var binary = _ws.PathOf("binary.csv");
        await File.WriteAllBytesAsync(binary, Enumerable.Repeat((byte)0xFF, 1000).ToArray());
        Assert.Equal(1, await _ws.RunAsync("ingest", "hmrc-taxpayers", binary, "--mapping", _ws.PathOf("paye.mapping.json")));

        var badMapping = _ws.Write("bad.mapping.json", """{"fields": [{"field": "shoeSize"}]}""");
        Assert.Equal(2, await _ws.RunAsync("ingest", "hmrc-taxpayers", binary, "--mapping", badMapping));
        Assert.Equal(3, await _ws.RunAsync("ingest", "no-such-dataset", binary, "--mapping", _ws.PathOf("paye.mapping.json")));
        Assert.Equal(2, await _ws.RunAsync("ingest", "hmrc-taxpayers", _ws.PathOf("missing.csv"), "--mapping", _ws.PathOf("paye.mapping.json")));
    }

    [Fact]
    public async Task Synth_output_loads_with_its_own_schema_and_mapping()
    {
        Assert.Equal(0, await _ws.RunAsync("synth", "--people", "500", "--seed", "7", "--out", _ws.PathOf("synth")));
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "dvla", "--name", "DVLA"));
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "dvla-drivers", "--org", "dvla", "--title", "Drivers", "--schema", _ws.PathOf("synth/dvla/drivers.schema.json")));
        Assert.Equal(0, await _ws.RunAsync("ingest", "dvla-drivers", _ws.PathOf("synth/dvla/drivers.dat"), "--mapping", _ws.PathOf("synth/dvla/drivers.mapping.json")));

        var ingest = new SqliteIngestStore(new SqliteDatabase(_ws.DatabasePath));
        var run = (await ingest.ListRunsAsync("dvla-drivers", 1, default)).Single();
        Assert.True(run.Counts.RowsLoaded > 200, $"only {run.Counts.RowsLoaded} of {run.Counts.RowsRead} rows loaded");
        Assert.Equal(run.Counts.RowsRead, run.Counts.RowsLoaded + run.Counts.RowsQuarantined);
    }

    [Theory]
    [InlineData("hmrc", "taxpayers", "csv")]
    [InlineData("dvla", "drivers", "dat")]
    public async Task Synth_forenames_keep_their_middle_names_through_the_mapping(string department, string name, string extension)
    {
        Assert.Equal(0, await _ws.RunAsync("synth", "--people", "300", "--seed", "11", "--clean", "--out", _ws.PathOf("synth")));
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", department, "--name", department));
        var dataset = $"{department}-{name}";
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", dataset, "--org", department, "--title", name, "--schema", _ws.PathOf($"synth/{department}/{name}.schema.json")));
        Assert.Equal(0, await _ws.RunAsync("ingest", dataset, _ws.PathOf($"synth/{department}/{name}.{extension}"), "--mapping", _ws.PathOf($"synth/{department}/{name}.mapping.json")));

        var records = await new SqliteRecordStore(new SqliteDatabase(_ws.DatabasePath)).ListRecordsAsync(dataset, null, 1000, default);
        var people = records.Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.PayloadJson)!).ToList();
        var withMiddle = people.Where(p => p["middleNames"] is not null).ToList();
        Assert.True(withMiddle.Count > people.Count / 10, $"only {withMiddle.Count} of {people.Count} records kept a middle name");
        // The given name is one word, and the family name is never taken from the forenames.
        Assert.All(people, p => Assert.DoesNotContain(" ", (string?)p["givenName"] ?? "", StringComparison.Ordinal));
        Assert.All(withMiddle, p => Assert.NotEqual((string?)p["middleNames"], (string?)p["familyName"]));
    }

    [Fact]
    public async Task Sql_source_reads_a_table_through_a_connection_string_from_the_environment()
    {
        await SetUpAsync();
        var legacy = _ws.PathOf("legacy.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={legacy};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE people (REF TEXT, NINO TEXT, SURNAME TEXT); INSERT INTO people VALUES ('1', 'ab 12 34 56 c', 'SMITH'), ('2', 'QQ123456A', 'JONES');";
            command.ExecuteNonQuery();
        }

        var mapping = _ws.Write("sql.mapping.json", Mapping.Replace("\"format\": \"csv\"", "\"format\": \"sql\", \"provider\": \"sqlite\", \"connectionStringEnv\": \"CONCORDAT_TEST_LEGACY_DB\", \"query\": \"people\"", StringComparison.Ordinal));
        Assert.Equal(2, await _ws.RunAsync("ingest", "hmrc-taxpayers", "--mapping", mapping));

        Environment.SetEnvironmentVariable("CONCORDAT_TEST_LEGACY_DB", $"Data Source={legacy};Mode=ReadOnly");
        try
        {
            Assert.Equal(0, await _ws.RunAsync("ingest", "hmrc-taxpayers", "--mapping", mapping));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CONCORDAT_TEST_LEGACY_DB", null);
        }

        var ingest = new SqliteIngestStore(new SqliteDatabase(_ws.DatabasePath));
        var run = (await ingest.ListRunsAsync("hmrc-taxpayers", 1, default)).Single();
        Assert.Equal((2L, 1L, 1L), (run.Counts.RowsRead, run.Counts.RowsLoaded, run.Counts.RowsQuarantined));
        Assert.Contains("AB123456C", (await new SqliteRecordStore(new SqliteDatabase(_ws.DatabasePath)).GetRecordAsync("hmrc-taxpayers", "1", default))!.PayloadJson, StringComparison.Ordinal);
    }

    public void Dispose() => _ws.Dispose();
}

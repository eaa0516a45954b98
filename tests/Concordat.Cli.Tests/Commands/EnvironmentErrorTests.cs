using Concordat.Core.Ingestion;
using Concordat.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Concordat.Cli.Tests.Commands;

/// <summary>
/// Errors of the environment, not of the data (issue 15.12): each ends in one line on stderr and a documented exit
/// code, never a stack trace, with a Failed run recorded wherever the hub's database can still take one. The
/// PostgreSQL cases use the real server of CONCORDAT_TEST_POSTGRES; the CLI runs as a child process, as a user runs it.
/// </summary>
public sealed class EnvironmentErrorTests : IDisposable
{
    private const string Schema = """
        {"fields": [
          {"name": "recordId", "type": "string", "constraints": {"required": true}},
          {"name": "amount", "type": "number", "unit": "GBP"}
        ], "primaryKey": ["recordId"]}
        """;

    private const string Claims = "CREATE TABLE claims (ref text, amount numeric); INSERT INTO claims VALUES ('1', 211.00), ('2', 1e40), ('3', 'NaN'), ('4', 5.5), ('5', 123456789012345678901234567890.5);";

    private readonly CliWorkspace _ws = new();

    private async Task SetUpAsync()
    {
        Assert.Equal(0, await _ws.RunAsync("organisations", "add", "dwp", "--name", "Department for Work and Pensions"));
        Assert.Equal(0, await _ws.RunAsync("datasets", "add", "dwp-claims", "--org", "dwp", "--title", "Claims", "--schema", _ws.Write("schema.json", Schema)));
        _ws.Write("csv.mapping.json", """{"source": {"format": "csv"}, "mode": "incremental", "fields": [{"field": "recordId", "from": "ref"}, {"field": "amount", "from": "amount"}]}""");
        _ws.Write("claims.csv", "ref,amount\n1,10\n");
    }

    private string SqlMapping(string table) => _ws.Write(
        $"{table}.mapping.json",
        $$"""{"source": {"format": "sql", "provider": "postgres", "connectionStringEnv": "LEGACY_DB", "query": "{{table}}"}, "mode": "incremental", "fields": [{"field": "recordId", "from": "ref"}, {"field": "amount", "from": "amount"}]}""");

    private async Task<(int ExitCode, string Output, string Error)> IngestSqlAsync(string connectionString, string table = "claims") =>
        await _ws.RunProcessAsync(new Dictionary<string, string> { ["LEGACY_DB"] = connectionString }, "ingest", "dwp-claims", "--mapping", SqlMapping(table));

    private async Task<IngestRun> LastRunAsync()
    {
        using var database = new SqliteDatabase(_ws.DatabasePath);
        return (await new SqliteIngestStore(database).ListRunsAsync("dwp-claims", 1, default)).Single();
    }

    /// <summary>Exactly one line on stderr, starting "error: ", and no stack trace anywhere.</summary>
    private static string OneErrorLine((int ExitCode, string Output, string Error) result)
    {
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        return line;
    }

    [Fact]
    public async Task Postgres_source_with_a_wrong_password_fails_the_run_in_one_line()
    {
        await SetUpAsync();
        await using var pg = await PostgresTestServer.CreateAsync(Claims);

        var result = await IngestSqlAsync(pg.ConnectionString(password: "not-the-password"));

        Assert.Equal(1, result.ExitCode);
        var line = OneErrorLine(result);
        Assert.Contains("failed and changed nothing: The source could not be opened: 28P01: password authentication failed for user", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", result.Output + result.Error, StringComparison.Ordinal);
        var run = await LastRunAsync();
        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.StartsWith("The source could not be opened: 28P01", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_source_that_refuses_the_connection_fails_the_run_in_one_line()
    {
        await SetUpAsync();
        await using var pg = await PostgresTestServer.CreateAsync(Claims);

        // Nothing listens on 5399 (the top of this suite's port range).
        var result = await IngestSqlAsync(pg.ConnectionString(port: 5399));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The source could not be opened: Failed to connect to 127.0.0.1:5399 (Connection refused)", OneErrorLine(result), StringComparison.Ordinal);
        Assert.Equal(IngestRunStatus.Failed, (await LastRunAsync()).Status);
    }

    [Fact]
    public async Task Postgres_source_without_the_table_fails_the_run_in_one_line()
    {
        await SetUpAsync();
        await using var pg = await PostgresTestServer.CreateAsync(Claims);

        var result = await IngestSqlAsync(pg.ConnectionString(), table: "claimz");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The source could not be opened: 42P01: relation \"claimz\" does not exist", OneErrorLine(result), StringComparison.Ordinal);
        Assert.Equal(IngestRunStatus.Failed, (await LastRunAsync()).Status);
    }

    [Fact]
    public async Task Postgres_numeric_beyond_decimal_quarantines_its_row_and_the_run_goes_on()
    {
        await SetUpAsync();
        await using var pg = await PostgresTestServer.CreateAsync(Claims);

        var result = await IngestSqlAsync(pg.ConnectionString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var run = await LastRunAsync();
        Assert.Equal((IngestRunStatus.Succeeded, 5L, 2L, 3L), (run.Status, run.Counts.RowsRead, run.Counts.RowsLoaded, run.Counts.RowsQuarantined));
        using var database = new SqliteDatabase(_ws.DatabasePath);
        var store = new SqliteIngestStore(database);
        Assert.Equal("""{"recordId":"1","amount":211}""", (await new SqliteRecordStore(database).GetRecordAsync("dwp-claims", "1", default))!.PayloadJson);
        var quarantined = await store.GetQuarantineAsync(run.Id, 0, 10, default);
        Assert.Equal([2L, 3L, 5L], quarantined.Select(q => q.RowNumber));

        // A whole number beyond decimal keeps its exact digits; NaN and a fraction beyond decimal cannot be read at all.
        Assert.Equal("1" + new string('0', 40), quarantined[0].Values["amount"]);
        Assert.Contains("beyond the range of a number field", Assert.Single(quarantined[0].Reasons), StringComparison.Ordinal);
        Assert.Null(quarantined[1].Values["amount"]);
        Assert.Equal("3", quarantined[1].Values["ref"]);
        Assert.StartsWith("column 'amount': the database value cannot be read (Numeric NaN", Assert.Single(quarantined[1].Reasons), StringComparison.Ordinal);
        Assert.Contains("cast it to text in the query", Assert.Single(quarantined[2].Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_database_locked_by_another_process_exits_75_in_one_line()
    {
        await SetUpAsync();
        using var holder = new SqliteConnection($"Data Source={_ws.DatabasePath};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var result = await _ws.RunProcessAsync(
            new Dictionary<string, string> { ["CONCORDAT_BUSY_TIMEOUT"] = "1" },
            "ingest", "dwp-claims", _ws.PathOf("claims.csv"), "--mapping", _ws.PathOf("csv.mapping.json"));

        Assert.Equal(75, result.ExitCode);
        Assert.StartsWith("error: The hub's database is busy", OneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_busy_timeout_setting_exits_2()
    {
        var result = await _ws.RunProcessAsync(new Dictionary<string, string> { ["CONCORDAT_BUSY_TIMEOUT"] = "soon" }, "runs", "list", "dwp-claims");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: CONCORDAT_BUSY_TIMEOUT is 'soon'; give a whole number of seconds, 1 or more.", OneErrorLine(result));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Read_only_hub_database_exits_74_in_one_line_and_still_answers_reads()
    {
        await SetUpAsync();
        Assert.Equal(0, await _ws.RunAsync("ingest", "dwp-claims", _ws.PathOf("claims.csv"), "--mapping", _ws.PathOf("csv.mapping.json")));
        SqliteConnection.ClearAllPools();
        using var readOnly = ReadOnlyHub.Make(_ws.DatabasePath);

        var result = await _ws.RunProcessAsync(new Dictionary<string, string>(), "ingest", "dwp-claims", _ws.PathOf("claims.csv"), "--mapping", _ws.PathOf("csv.mapping.json"));
        var read = await _ws.RunProcessAsync(new Dictionary<string, string>(), "runs", "list", "dwp-claims");

        Assert.Equal(74, result.ExitCode);
        Assert.StartsWith("error: The hub's database cannot be written (attempt to write a readonly database)", OneErrorLine(result), StringComparison.Ordinal);
        Assert.Equal(0, read.ExitCode);
    }

    public void Dispose() => _ws.Dispose();
}

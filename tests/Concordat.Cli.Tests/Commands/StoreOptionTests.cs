using System.Diagnostics;
using Npgsql;

namespace Concordat.Cli.Tests.Commands;

/// <summary>The one store setting on the command line: <c>--store</c>, CONCORDAT_STORE, and PostgreSQL end to end.</summary>
public sealed class StoreOptionTests : IDisposable
{
    private readonly CliWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Theory]
    [InlineData("--store", "postgresql://hub:s3cret@db:99999/concordat")]
    [InlineData("--store", "mysql://hub:s3cret@db/concordat")]
    [InlineData("env", "postgresql://hub:s3cret@db/concordat?sslmode=sometimes")]
    public async Task Bad_store_setting_exits_2_with_one_line_that_hides_the_password(string how, string store)
    {
        var (code, error) = await RunProcessAsync(how == "env" ? null : store, how == "env" ? store : null, "organisations", "list");

        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_postgres_exits_1_with_one_line()
    {
        // Port 1 on loopback refuses at once: a store that is well formed but not there.
        var (code, error) = await RunProcessAsync("postgresql://hub:s3cret@127.0.0.1:1/concordat?connect_timeout=2", null, "organisations", "list");

        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_run_end_to_end_on_postgres()
    {
        var server = Environment.GetEnvironmentVariable("CONCORDAT_TEST_POSTGRES")
            ?? throw new InvalidOperationException("CONCORDAT_TEST_POSTGRES is not set: run ./scripts/test.sh.");
        var name = $"concordat_test_cli_{Guid.NewGuid():N}"[..40];
        var admin = new NpgsqlConnectionStringBuilder(Admin(server)) { Pooling = false }.ConnectionString;
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        try
        {
            var store = new UriBuilder(server) { Path = "/" + name }.Uri.ToString();
            string[] S(params string[] args) => ["--store", store, .. args];
            Assert.Equal(0, await _ws.RunAsync(S("init")));
            Assert.Equal(0, await _ws.RunAsync(S("organisations", "add", "hmrc", "--name", "HM Revenue and Customs")));
            var schema = _ws.Write("schema.json", """
                {"fields": [
                  {"name": "recordId", "type": "string", "constraints": {"required": true}},
                  {"name": "nino", "type": "string", "identifier": "nino", "personalData": "personal"}
                ], "primaryKey": ["recordId"]}
                """);
            Assert.Equal(0, await _ws.RunAsync(S("datasets", "add", "hmrc-taxpayers", "--org", "hmrc", "--title", "Taxpayers", "--schema", schema)));
            var mapping = _ws.Write("paye.mapping.json", """
                {"source": {"format": "csv"}, "mode": "full", "fields": [
                  {"field": "recordId", "from": "REF"}, {"field": "nino", "from": "NINO", "transforms": ["nino"]}
                ]}
                """);
            var csv = _ws.Write("paye.csv", "REF,NINO\n1,AB123456C\n2,QQ123456A\n1,AB123456C\n3,CE987654D\n");
            Assert.Equal(0, await _ws.RunAsync(S("ingest", "hmrc-taxpayers", csv, "--mapping", mapping)));
            Assert.Equal(0, await _ws.RunAsync(S("records", "hmrc-taxpayers", "--limit", "5")));

            var database = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            Assert.Equal(2L, await ScalarAsync(database, "SELECT count(*) FROM record_versions"));
            Assert.Equal(2L, await ScalarAsync(database, "SELECT count(*) FROM quarantine"));
            Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM quality_profiles"));
            // Nothing of the store went to the data directory but the keys.
            Assert.False(File.Exists(_ws.DatabasePath));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static string Admin(string uri)
    {
        var parsed = Concordat.Storage.StoreLocation.Parse(uri);
        return ((Concordat.Storage.PostgresStoreLocation)parsed.Value).ConnectionString;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(int Code, string Error)> RunProcessAsync(string? store, string? environmentStore, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "concordat.dll"));
        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(_ws.Data);
        if (store is not null)
        {
            info.ArgumentList.Add("--store");
            info.ArgumentList.Add(store);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("CONCORDAT_STORE");
        if (environmentStore is not null)
        {
            info.Environment["CONCORDAT_STORE"] = environmentStore;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        return (process.ExitCode, await error);
    }
}

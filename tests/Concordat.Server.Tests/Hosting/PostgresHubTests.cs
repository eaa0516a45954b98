using System.Net;
using System.Net.Http.Headers;
using Concordat.Server.Tests.Infrastructure;
using Concordat.Storage;
using Npgsql;

namespace Concordat.Server.Tests.Hosting;

/// <summary>
/// The hub started as operators start it, on a PostgreSQL store (CONCORDAT_STORE): it migrates the database, seeds the
/// demo departments, answers data requests and audits each one in the PostgreSQL ledger, whose checkpoints it signs.
/// Before the PostgreSQL audit ledger the hub refused to start on this store.
/// </summary>
public sealed class PostgresHubTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-process-tests", Guid.NewGuid().ToString("N"));
    private readonly string _name = $"concordat_test_hub_{Guid.NewGuid():N}"[..40];
    private string _admin = "";
    private string _store = "";

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("CONCORDAT_TEST_POSTGRES")
            ?? throw new InvalidOperationException("CONCORDAT_TEST_POSTGRES is not set: run ./scripts/test.sh.");
        _admin = new NpgsqlConnectionStringBuilder(((PostgresStoreLocation)StoreLocation.Parse(server).Value).ConnectionString) { Pooling = false }.ConnectionString;
        await ProcessHubs.PostgresExecuteAsync(_admin, $"CREATE DATABASE \"{_name}\"");
        _store = new UriBuilder(server) { Path = "/" + _name }.Uri.ToString();
        Directory.CreateDirectory(_directory);
    }

    [Fact]
    public async Task The_hub_serves_and_audits_requests_on_postgres()
    {
        await using var hub = await HubProcess.StartAsync(_directory, environment: new Dictionary<string, string> { ["CONCORDAT_STORE"] = _store });
        Assert.False(File.Exists(Path.Combine(_directory, "data", "concordat.db")), "the tables are in PostgreSQL, not a SQLite file");
        var secrets = File.ReadAllLines(Path.Combine(_directory, "data", "demo-credentials.txt"))
            .Where(l => !l.StartsWith('#') && l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[3]);
        using var http = hub.Client();

        using var steward = hub.Client();
        steward.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ProcessHubs.ClientTokenAsync(http, "dwp-steward", secrets["dwp-steward"]));
        using (var datasets = await steward.GetAsync("/api/v1/datasets"))
        {
            Assert.Equal(HttpStatusCode.OK, datasets.StatusCode);
            Assert.Contains("dwp-claimants", await datasets.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var consumer = hub.Client();
        consumer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ProcessHubs.ClientTokenAsync(http, "leeds-council-service", secrets["leeds-council-service"]));
        for (var i = 0; i < 3; i++)
        {
            using var refused = await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(
                """{"agreementId":"none","purpose":"benefit-eligibility","datasetId":"dwp-claimants","identifier":{"kind":"nino","value":"JG103759A"}}"""));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // Each refused look-up is an entry of the PostgreSQL ledger, in one gap-free sequence, and the hub signs a
        // checkpoint over them within a few seconds.
        var database = new NpgsqlConnectionStringBuilder(_admin) { Database = _name }.ConnectionString;
        var entries = await ProcessHubs.PostgresScalarAsync(database, "SELECT count(*) FROM audit_entries");
        Assert.True(entries >= 3, $"{entries} audit entries");
        Assert.Equal(entries - 1, await ProcessHubs.PostgresScalarAsync(database, "SELECT max(idx) FROM audit_entries"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ProcessHubs.PostgresScalarAsync(database, "SELECT COALESCE(max(tree_size), 0) FROM audit_checkpoints") < entries)
        {
            Assert.True(DateTime.UtcNow < deadline, "no checkpoint covered the entries within 30 s");
            await Task.Delay(200);
        }

        // appsettings.json quietens Npgsql, which would otherwise log every statement at Information.
        Assert.DoesNotContain("Npgsql.Command", hub.Output, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ProcessHubs.PostgresExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

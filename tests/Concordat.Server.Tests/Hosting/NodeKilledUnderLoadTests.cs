using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;
using Concordat.Storage;
using Npgsql;

namespace Concordat.Server.Tests.Hosting;

/// <summary>
/// Issue 16 item 5: three hub processes on one PostgreSQL database under load (look-ups on two nodes, a large CSV
/// ingest on the third), and the ingesting node killed with SIGKILL in the middle of its run. The other nodes answer
/// every request, the audit log stays one gap-free sequence that <c>concordat audit verify</c> accepts, the killed run
/// leaves nothing (no record, no quarantine, no run), and the same upload through another node then completes.
/// </summary>
public sealed class NodeKilledUnderLoadTests : IAsyncLifetime
{
    private const int Rows = 400_000;
    private const string Lookup = """{"agreementId":"none","purpose":"benefit-eligibility","datasetId":"dwp-claimants","identifier":{"kind":"nino","value":"JG103759A"}}""";
    private const string Mapping = """
        {"source": {"format": "csv"}, "mode": "full", "fields": [
          {"field": "nino", "from": "NI", "transforms": ["nino"]},
          {"field": "familyName", "from": "SURNAME", "transforms": ["trim", "title"]},
          {"field": "weeklyAmount", "from": "AMOUNT"}
        ]}
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-process-tests", Guid.NewGuid().ToString("N"));
    private readonly string _name = $"concordat_test_kill_{Guid.NewGuid():N}"[..40];
    private string _admin = "";
    private string _store = "";

    private string Database => new NpgsqlConnectionStringBuilder(_admin) { Database = _name }.ConnectionString;

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
    public async Task A_node_killed_mid_ingest_under_load_leaves_the_others_answering_no_audit_gap_and_no_half_applied_run()
    {
        // The load is far above the default rate limit; a 429 would count as a failed request here.
        var environment = new Dictionary<string, string> { ["CONCORDAT_STORE"] = _store, ["Concordat__RateLimitPermits"] = "100000000" };
        var ingesting = await HubProcess.StartAsync(_directory, environment: environment);
        try
        {
            await using var second = await HubProcess.StartAsync(_directory, environment: environment);
            await using var third = await HubProcess.StartAsync(_directory, environment: environment);
            var secrets = File.ReadAllLines(Path.Combine(_directory, "data", "demo-credentials.txt"))
                .Where(l => !l.StartsWith('#') && l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[3]);
            using var steward = await AsAsync(ingesting, "dwp-steward", secrets);
            (await steward.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("tn-kill", "dwp")))).EnsureSuccessStatusCode();
            (await steward.PutAsync("/api/v1/datasets/tn-kill/sources/monthly", Bodies.Json(Mapping))).EnsureSuccessStatusCode();
            var csv = Csv();
            string consumerToken;
            using (var http = second.Client())
            {
                consumerToken = await ProcessHubs.ClientTokenAsync(http, "leeds-council-service", secrets["leeds-council-service"]);
            }

            // Look-ups on the two nodes that stay, from before the ingest starts until well after the kill.
            using var stop = new CancellationTokenSource();
            var failures = new List<string>();
            var answered = 0L;
            var load = new[] { second, third }.SelectMany(node => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                using var client = node.Client();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", consumerToken);
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var response = await client.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup));
                        if (response.StatusCode != HttpStatusCode.Forbidden)
                        {
                            lock (failures)
                            {
                                failures.Add($"{node.BaseAddress}: {(int)response.StatusCode}");
                            }
                        }

                        Interlocked.Increment(ref answered);
                    }
                    catch (HttpRequestException ex)
                    {
                        lock (failures)
                        {
                            failures.Add($"{node.BaseAddress}: {ex.Message}");
                        }
                    }
                }
            }))).ToArray();

            // The upload runs on the first node; once its copy into record_versions is streaming, kill it (SIGKILL).
            var upload = steward.PostAsync("/api/v1/datasets/tn-kill/sources/monthly/runs", new StringContent(csv, Encoding.UTF8, "text/csv"));
            var deadline = Stopwatch.StartNew();
            while (await ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY record_versions%' AND state = 'active'") == 0)
            {
                Assert.False(upload.IsCompleted, "the ingest finished before it could be killed: make the file larger");
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), "the ingest never began copying records");
                await Task.Delay(10);
            }

            await Task.Delay(200);
            var beforeKill = Interlocked.Read(ref answered);
            await ingesting.DisposeAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => upload); // the killed node's own request, in flight

            // The other nodes keep answering, and go on for a while after the kill.
            var afterKill = Stopwatch.StartNew();
            while (Interlocked.Read(ref answered) < beforeKill + 200 && afterKill.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(50);
            }

            await stop.CancelAsync();
            await Task.WhenAll(load);
            Assert.Empty(failures);
            Assert.True(Interlocked.Read(ref answered) >= beforeKill + 200, $"only {Interlocked.Read(ref answered) - beforeKill} look-ups answered after the kill");

            // Nothing of the killed run is visible: the server rolled its transaction back when the connection died.
            Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM record_versions v JOIN datasets d ON d.no = v.dataset_no WHERE d.id = 'tn-kill'"));
            Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM ingest_runs r JOIN datasets d ON d.no = r.dataset_no WHERE d.id = 'tn-kill'"));

            // The same upload through another node completes, whole.
            using var stewardOnSecond = await AsAsync(second, "dwp-steward", secrets);
            using (var rerun = await stewardOnSecond.PostAsync("/api/v1/datasets/tn-kill/sources/monthly/runs", new StringContent(csv, Encoding.UTF8, "text/csv")))
            {
                Assert.Equal(HttpStatusCode.Created, rerun.StatusCode);
                var run = (await rerun.Content.ReadFromJsonAsync<JsonObject>())!;
                Assert.Equal(Rows, (long)run["counts"]!["rowsLoaded"]!);
            }

            Assert.Equal((long)Rows, await ScalarAsync("SELECT count(*) FROM record_versions v JOIN datasets d ON d.no = v.dataset_no WHERE d.id = 'tn-kill'"));
            Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM quarantine q JOIN ingest_runs r ON r.id = q.run_id JOIN datasets d ON d.no = r.dataset_no WHERE d.id = 'tn-kill'"));

            // One gap-free audit sequence across the three processes and the kill, verified offline.
            var entries = await ScalarAsync("SELECT count(*) FROM audit_entries");
            Assert.Equal(entries - 1, await ScalarAsync("SELECT max(idx) FROM audit_entries"));
            var signed = Stopwatch.StartNew();
            while (await ScalarAsync("SELECT COALESCE(max(tree_size), 0) FROM audit_checkpoints") < entries)
            {
                Assert.True(signed.Elapsed < TimeSpan.FromSeconds(30), $"no checkpoint covered {entries} entries within 30 s of the kill");
                await Task.Delay(200);
            }

            var export = Path.Combine(_directory, "audit.ndjson");
            Assert.Equal(0, (await CliAsync("audit", "export", "--out", export)).Code);
            var key = await CliAsync("audit", "public-key");
            Assert.Equal(0, key.Code);
            await File.WriteAllTextAsync(Path.Combine(_directory, "audit.jwk"), key.Output);
            var verify = await CliAsync("audit", "verify", "--file", export, "--public-key", Path.Combine(_directory, "audit.jwk"));
            Assert.True(verify.Code == 0, verify.Output);
            Assert.Contains($"OK: {entries} entries", verify.Output, StringComparison.Ordinal);
        }
        finally
        {
            await ingesting.DisposeAsync();
        }
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

    // Valid, distinct NINOs (prefix AB, suffix C), so every row loads.
    private static string Csv()
    {
        var text = new StringBuilder("NI,SURNAME,AMOUNT\n", Rows * 24);
        for (var i = 0; i < Rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"AB{i:D6}C,SMITH,{i % 500}\n");
        }

        return text.ToString();
    }

    private static async Task<HttpClient> AsAsync(HubProcess node, string clientId, IReadOnlyDictionary<string, string> secrets)
    {
        var client = node.Client();
        client.Timeout = TimeSpan.FromMinutes(5);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ProcessHubs.ClientTokenAsync(client, clientId, secrets[clientId]));
        return client;
    }

    private Task<(int Code, string Output)> CliAsync(params string[] args) => ProcessHubs.CliAsync(Path.Combine(_directory, "data"), _store, args);

    private Task<long> ScalarAsync(string sql) => ProcessHubs.PostgresScalarAsync(Database, sql);
}

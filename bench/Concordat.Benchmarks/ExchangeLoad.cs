using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Ingestion;
using Concordat.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Benchmarks;

/// <summary>
/// End-to-end load on the exchange look-up path from a second process on loopback: starts the hub (its Release build)
/// on a fresh data directory with the demo seed, loads <c>people</c> DWP claimant records, puts an agreement through
/// the real approval workflow, then drives <c>POST /api/v1/exchange/lookups</c> (token validation, policy,
/// shaping, audit append) and, for the ratio, <c>GET /health/live</c> on the same host, for the same time each.
/// </summary>
internal static class ExchangeLoad
{
    public static async Task<int> RunAsync(string serverDll, int seconds, int concurrency, int people)
    {
        var work = Directory.CreateTempSubdirectory("concordat-load-");
        var data = Path.Combine(work.FullName, "data");
        var baseUri = new Uri($"http://127.0.0.1:{Port()}");
        using var server = StartServer(serverDll, data, baseUri);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = baseUri };
            var (lookup, consumer) = await PrepareLookupsAsync(http, data, people);
            Func<HttpClient, int, Task<bool>> authenticated = async (client, _) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations/dwp");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", consumer);
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                return response.IsSuccessStatusCode;
            };
            Func<HttpClient, int, Task<bool>> bare = async (client, _) =>
            {
                using var response = await client.GetAsync("/health/live");
                await response.Content.ReadAsByteArrayAsync();
                return response.IsSuccessStatusCode;
            };

            Console.WriteLine($"hub: {serverDll}; store {BenchStores.Resolve(data).Display}; {people:N0} claimants; {concurrency} concurrent clients; {seconds} s per phase; {Environment.ProcessorCount} cores");
            await DriveAsync(http, server, lookup, 10, concurrency); // warm-up: tiered JIT to steady state, connections, SQLite cache
            var lookups = await DriveAsync(http, server, lookup, seconds, concurrency);
            await DriveAsync(http, server, authenticated, 2, concurrency);
            var withToken = await DriveAsync(http, server, authenticated, seconds, concurrency);
            await DriveAsync(http, server, bare, 2, concurrency);
            var baseline = await DriveAsync(http, server, bare, seconds, concurrency);
            Print("lookup (token, policy, shaping, audit)", lookups);
            Print("token-checked read of one organisation (no policy, no audit)", withToken);
            Print("bare endpoint (/health/live)", baseline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio lookup/bare throughput: {lookups.PerSecond / baseline.PerSecond:P1}"));
            return lookups.Errors == 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Look-ups while a large CSV ingest runs into the same hub (issue 15 item 15): after a warm-up, look-ups alone for
    /// <paramref name="seconds"/>, then look-ups for as long as <c>concordat ingest</c> of <paramref name="rows"/> person
    /// rows runs as its own process into the hub's data directory. Reports both phases' latency, so the p99 during the
    /// load can be compared with the p99 without it in one run.
    /// </summary>
    public static async Task<int> DuringIngestAsync(string serverDll, string cliDll, string schema, string mapping, long rows, int seconds, int concurrency, int people)
    {
        var work = Directory.CreateTempSubdirectory("concordat-load-ingest-");
        var data = Path.Combine(work.FullName, "data");
        var csv = Path.Combine(work.FullName, "people.csv");
        PersonCsv.Write(csv, rows, seed: 7);
        var baseUri = new Uri($"http://127.0.0.1:{Port()}");
        using var server = StartServer(serverDll, data, baseUri);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = baseUri };
            var (lookup, _) = await PrepareLookupsAsync(http, data, people);
            await RunCliAsync(cliDll, data, "organisations", "add", "bench", "--name", "Benchmark Department");
            await RunCliAsync(cliDll, data, "datasets", "add", "bench-people", "--org", "bench", "--title", "People", "--schema", schema);

            Console.WriteLine($"hub: {serverDll}; store {BenchStores.Resolve(data).Display}; {people:N0} claimants; {concurrency} concurrent clients; ingest of {rows:N0} rows; {Environment.ProcessorCount} cores");
            await DriveAsync(http, server, lookup, 10, concurrency);
            var quiet = await DriveAsync(http, server, lookup, seconds, concurrency);
            var started = Stopwatch.StartNew();
            var ingest = RunCliAsync(cliDll, data, "ingest", "bench-people", csv, "--mapping", mapping);
            var loaded = await DriveUntilAsync(http, server, lookup, ingest, concurrency);
            var ingestSeconds = started.Elapsed.TotalSeconds;
            var exit = await ingest;
            Print("lookup alone", quiet);
            Print("lookup during the ingest", loaded);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ingest: {rows:N0} rows in {ingestSeconds:F1} s ({rows / ingestSeconds:N0} rows/s), exit {exit}; during / alone: p99 {loaded.P99 / quiet.P99:F1}x, p99.9 {loaded.P999 / quiet.P999:F1}x, max {loaded.Max / quiet.Max:F1}x"));
            return quiet.Errors == 0 && loaded.Errors == 0 && exit == 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            work.Delete(recursive: true);
        }
    }

    /// <summary>The hub's port: <c>CONCORDAT_BENCH_PORT</c> when set (to keep to a port range on a shared machine), else a random one from 5300.</summary>
    internal static int Port() =>
        int.TryParse(Environment.GetEnvironmentVariable("CONCORDAT_BENCH_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 5300 + Random.Shared.Next(600);

    /// <summary>Waits for the hub, loads the claimants, approves the agreement and returns the look-up call.</summary>
    internal static async Task<(Func<HttpClient, int, Task<bool>> Lookup, string Consumer)> PrepareLookupsAsync(HttpClient http, string data, int people)
    {
        await WaitReadyAsync(http);
        await SeedClaimantsAsync(data, people);
        var secrets = Secrets(data);
        async Task<string> Token(string client) => await TokenAsync(http, client, secrets[client]);
        await CreateAgreementAsync(http, await Token("leeds-council-steward"), await Token("dwp-steward"), await Token("dwp-dpo"));
        var consumer = await Token("leeds-council-service");
        var lookup = LookupCall(consumer, "dwp-claimants", people);
        return (lookup, consumer);
    }

    /// <summary>A look-up of one of the seeded claimants (round robin) on <paramref name="datasetId"/> with <paramref name="token"/>.</summary>
    internal static Func<HttpClient, int, Task<bool>> LookupCall(string token, string datasetId, int people) => async (client, i) =>
    {
        var nino = Nino(i % people);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exchange/lookups")
        {
            Content = new StringContent($$$"""{"agreementId":"load-test","purpose":"benefit-eligibility","datasetId":"{{{datasetId}}}","identifier":{"kind":"nino","value":"{{{nino}}}"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    };

    /// <summary>The demo clients' secrets from a seeded hub's data directory.</summary>
    internal static Dictionary<string, string> Secrets(string data) =>
        File.ReadAllLines(Path.Combine(data, "demo-credentials.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => p[3], StringComparer.Ordinal);

    private static async Task<int> RunCliAsync(string cliDll, string data, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cliDll);
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(data);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the CLI.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"concordat {string.Join(' ', args)}: exit {process.ExitCode}: {await error}");
        }

        await output;
        return process.ExitCode;
    }

    internal static Process StartServer(string serverDll, string data, Uri baseUri, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", [serverDll, "--urls", baseUri.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Concordat__DataDirectory"] = data;
        if (BenchStores.Setting is { } store)
        {
            start.Environment[StoreLocation.EnvironmentVariable] = store;
        }

        start.Environment["Concordat__RateLimitPermits"] = "100000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the hub.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("hub: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitReadyAsync(HttpClient http)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The hub did not become ready in 30 s.");
    }

    private static string Nino(int i) => "AB" + i.ToString("D6", CultureInfo.InvariantCulture) + "C";

    // Into the store the hub serves (--store or CONCORDAT_STORE, else its data directory's SQLite file).
    private static async Task SeedClaimantsAsync(string data, int people)
    {
        var location = BenchStores.Resolve(data);
        await using var services = new ServiceCollection().AddConcordatStore(location).BuildServiceProvider();
        var store = services.GetRequiredService<IIngestStore>();
        using var session = store.Begin(new IngestRunStart("dwp-claimants", "load", SourceFormat.Csv, RefreshMode.Incremental, "bench", DateTimeOffset.UtcNow));
        var batch = new IngestWriteBatch(2048);
        for (var i = 0; i < people; i++)
        {
            var nino = Nino(i);
            var json = $$"""{"nino":"{{nino}}","givenName":"Person{{i}}","familyName":"Load","dateOfBirth":"1950-01-01","postcode":"LS1 4AP","benefit":"pension-credit"}""";
            batch.AddRecord(nino + "|pension-credit", RecordContent.FromUtf8(Encoding.UTF8.GetBytes(json)), i + 1);
            if (batch.Records.Count == 2048 || i == people - 1)
            {
                session.Apply(batch);
                batch.Clear();
            }
        }

        session.Commit(new IngestCounts { RowsRead = people, RowsLoaded = people, VersionsCreated = people }, false, null, DateTimeOffset.UtcNow);
    }

    internal static async Task<string> TokenAsync(HttpClient http, string client, string secret)
    {
        using var response = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client,
            ["client_secret"] = secret,
        }));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("access_token").GetString()!;
    }

    private static async Task CreateAgreementAsync(HttpClient http, string consumer, string steward, string dpo)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var draft = new JsonObject
        {
            ["id"] = "load-test",
            ["terms"] = new JsonObject
            {
                ["title"] = "Load test",
                ["providerOrganisationId"] = "dwp",
                ["consumerOrganisationId"] = "leeds-council",
                ["datasets"] = new JsonArray(new JsonObject
                {
                    ["datasetId"] = "dwp-claimants",
                    ["fields"] = new JsonArray(
                        new JsonObject { ["name"] = "nino" },
                        new JsonObject { ["name"] = "givenName" },
                        new JsonObject { ["name"] = "dateOfBirth", ["transform"] = "dateToYear" },
                        new JsonObject { ["name"] = "postcode", ["transform"] = "postcodeDistrict" },
                        new JsonObject { ["name"] = "benefit" }),
                }),
                ["purpose"] = "Benchmark of the look-up path.",
                ["purposeCode"] = "benefit-eligibility",
                ["lawfulBasis"] = "publicTask",
                ["legalGateway"] = "Digital Economy Act 2017 Part 5 (public service delivery)",
                ["disclosureMode"] = "identified",
                ["retentionDays"] = 30,
                ["frequency"] = "daily",
                ["startDate"] = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["endDate"] = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["dpiaReference"] = "DPIA-LOAD",
                ["contacts"] = new JsonArray(
                    new JsonObject { ["organisationId"] = "dwp", ["role"] = "owner", ["name"] = "DWP", ["email"] = "dwp@example.gov.uk" },
                    new JsonObject { ["organisationId"] = "leeds-council", ["role"] = "dpo", ["name"] = "Leeds", ["email"] = "leeds@example.gov.uk" }),
            },
        };
        await SendAsync(http, consumer, "/api/v1/agreements", draft.ToJsonString());
        await SendAsync(http, consumer, "/api/v1/agreements/load-test/submit", "{}");
        await SendAsync(http, steward, "/api/v1/agreements/load-test/approve", """{"role":"steward","reason":"bench"}""");
        await SendAsync(http, dpo, "/api/v1/agreements/load-test/approve", """{"role":"dpo","reason":"bench"}""");
    }

    private static async Task SendAsync(HttpClient http, string token, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    internal static Task<Phase> DriveAsync(HttpClient http, Process server, Func<HttpClient, int, Task<bool>> call, int seconds, int concurrency) =>
        DriveUntilAsync(http, server, call, Task.Delay(TimeSpan.FromSeconds(seconds)), concurrency);

    private static async Task<Phase> DriveUntilAsync(HttpClient http, Process server, Func<HttpClient, int, Task<bool>> call, Task until, int concurrency)
    {
        server.Refresh();
        var database = BenchStores.Setting is { } setting && StoreLocation.Parse(setting) is { IsSuccess: true, Value: PostgresStoreLocation postgres }
            ? await PostgresServerCpu.StartAsync(postgres.ConnectionString)
            : null;
        var cpuBefore = server.TotalProcessorTime;
        var ownBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stop = Stopwatch.StartNew();
        var latencies = new List<double>[concurrency];
        var errors = new long[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(100_000);
            var i = w * 7919;
            while (!until.IsCompleted)
            {
                var began = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await call(http, i++);
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                mine.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                if (!ok)
                {
                    errors[w]++;
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = stop.Elapsed.TotalSeconds;
        server.Refresh();
        var cpu = (server.TotalProcessorTime - cpuBefore).TotalMicroseconds;
        var own = (Process.GetCurrentProcess().TotalProcessorTime - ownBefore).TotalMicroseconds;
        var databaseCpu = database is null ? (double?)null : (await database.ElapsedAsync()).TotalMicroseconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var count = Math.Max(1, all.Length);
        return new Phase(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), Percentile(all, 0.999), all.Length == 0 ? 0 : all[^1], all.Length, errors.Sum(), cpu / count, own / count, databaseCpu / count);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    internal static void Print(string name, Phase phase) => Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name}: {phase.PerSecond:N0} req/s, p50 {phase.P50:F2} ms, p99 {phase.P99:F2} ms, p99.9 {phase.P999:F1} ms, max {phase.Max:F1} ms, {phase.Requests:N0} requests, {phase.Errors} errors, CPU per request: hub {phase.ServerCpuMicroseconds:N0} us{(phase.DatabaseCpuMicroseconds is { } db ? $", PostgreSQL {db:N0} us" : "")}, load generator {phase.GeneratorCpuMicroseconds:N0} us"));

    // CPU per request (user + system time of each process over the phase) is steadier than throughput when something
    // else shares the machine, and shows how much of the two cores the load generator itself takes.
    // PostgreSQL's share (its backends for the hub's database, null on SQLite) is what sizing a database server needs.
    internal sealed record Phase(double PerSecond, double P50, double P99, double P999, double Max, long Requests, long Errors, double ServerCpuMicroseconds, double GeneratorCpuMicroseconds, double? DatabaseCpuMicroseconds = null);
}

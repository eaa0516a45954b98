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
        var port = 5300 + Random.Shared.Next(600);
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        using var server = StartServer(serverDll, data, baseUri);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = baseUri };
            await WaitReadyAsync(http);
            await SeedClaimantsAsync(data, people);
            var secrets = File.ReadAllLines(Path.Combine(data, "demo-credentials.txt"))
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => l.Split(' '))
                .ToDictionary(p => p[0], p => p[3], StringComparer.Ordinal);
            async Task<string> Token(string client) => await TokenAsync(http, client, secrets[client]);
            await CreateAgreementAsync(http, await Token("leeds-council-steward"), await Token("dwp-steward"), await Token("dwp-dpo"));
            var consumer = await Token("leeds-council-service");

            Func<HttpClient, int, Task<bool>> lookup = async (client, i) =>
            {
                var nino = Nino(i % people);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exchange/lookups")
                {
                    Content = new StringContent($$$"""{"agreementId":"load-test","purpose":"benefit-eligibility","datasetId":"dwp-claimants","identifier":{"kind":"nino","value":"{{{nino}}}"}}""", Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", consumer);
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                return response.IsSuccessStatusCode;
            };
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

    private static Process StartServer(string serverDll, string data, Uri baseUri)
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
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the hub.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("hub: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(HttpClient http)
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
        for (var i = 0; i < people; i++)
        {
            var nino = Nino(i);
            var json = $$"""{"nino":"{{nino}}","givenName":"Person{{i}}","familyName":"Load","dateOfBirth":"1950-01-01","postcode":"LS1 4AP","benefit":"pension-credit"}""";
            session.Apply(nino + "|pension-credit", RecordContent.FromUtf8(Encoding.UTF8.GetBytes(json)), i + 1);
        }

        session.Commit(new IngestCounts { RowsRead = people, RowsLoaded = people, VersionsCreated = people }, false, null, DateTimeOffset.UtcNow);
    }

    private static async Task<string> TokenAsync(HttpClient http, string client, string secret)
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

    private static async Task<Phase> DriveAsync(HttpClient http, Process server, Func<HttpClient, int, Task<bool>> call, int seconds, int concurrency)
    {
        server.Refresh();
        var cpuBefore = server.TotalProcessorTime;
        var ownBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stop = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        var latencies = new List<double>[concurrency];
        var errors = new long[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(100_000);
            var i = w * 7919;
            while (stop.Elapsed < until)
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
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var count = Math.Max(1, all.Length);
        return new Phase(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Length, errors.Sum(), cpu / count, own / count);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static void Print(string name, Phase phase) => Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name}: {phase.PerSecond:N0} req/s, p50 {phase.P50:F2} ms, p99 {phase.P99:F2} ms, {phase.Requests:N0} requests, {phase.Errors} errors, CPU per request: hub {phase.ServerCpuMicroseconds:N0} us, load generator {phase.GeneratorCpuMicroseconds:N0} us"));

    // CPU per request (user + system time of each process over the phase) is steadier than throughput when something
    // else shares the machine, and shows how much of the two cores the load generator itself takes.
    private sealed record Phase(double PerSecond, double P50, double P99, long Requests, long Errors, double ServerCpuMicroseconds, double GeneratorCpuMicroseconds);
}

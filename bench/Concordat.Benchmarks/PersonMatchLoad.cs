using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Concordat.Core.Ingestion;
using Concordat.Core.Linkage;
using Concordat.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Benchmarks;

/// <summary>
/// End-to-end load on real-time person matching from a second process on loopback: writes <c>persons</c> resolved
/// persons (one DWP claimant record each, a tenth with a second record carrying a typo) straight into a fresh store,
/// trains a model on a sample with docs/linkage/hub.settings.json, starts the hub (its Release build) with that
/// settings and model, waits until its match index is built, then drives <c>POST /api/v1/persons/match</c> (token
/// validation, admin policy, blocking, scoring every candidate with its waterfall, audit append) with a
/// slightly misspelt record of a random person, and for ratios a token-checked read and <c>GET /health/live</c>.
/// </summary>
internal static class PersonMatchLoad
{
    private static readonly string[] Given = ["JOHN", "MARY", "AHMED", "SIOBHAN", "PRIYA", "THOMAS", "GRACE", "OMAR", "LUCY", "RHYS", "FATIMA", "DAVID", "CHLOE", "KWAME", "EMILY", "OLIVER"];
    private static readonly string[] Family = ["SMITH", "JONES", "KHAN", "PATEL", "WILLIAMS", "BROWN", "TAYLOR", "DAVIES", "EVANS", "WILSON", "MORGAN", "HUGHES", "OKAFOR", "NGUYEN", "CAMPBELL", "MURPHY", "WALSH", "ALI"];

    public static async Task<int> RunAsync(string serverDll, int seconds, int concurrency, int persons)
    {
        var work = Directory.CreateTempSubdirectory("concordat-match-load-");
        var data = Path.Combine(work.FullName, "data");
        var settingsPath = Path.GetFullPath("docs/linkage/hub.settings.json");
        var modelPath = Path.Combine(work.FullName, "model.json");
        var baseUri = new Uri($"http://127.0.0.1:{ExchangeLoad.Port()}");

        // The hub creates its schema and demo clients on first start; persons are written once it has.
        var environment = new Dictionary<string, string>
        {
            ["Concordat__PersonMatch__Settings"] = settingsPath,
            ["Concordat__PersonMatch__Model"] = modelPath,
            ["Concordat__PersonMatch__RefreshInterval"] = "01:00:00",
        };
        using (var first = ExchangeLoad.StartServer(serverDll, data, baseUri, environment))
        {
            using var probe = new HttpClient { BaseAddress = baseUri };
            await ExchangeLoad.WaitReadyAsync(probe);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await SeedAsync(data, persons, settingsPath, modelPath);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {persons:N0} persons and trained the model in {seeding.Elapsed.TotalSeconds:N0} s"));
        await MeasureIndexAsync(data, persons, settingsPath, modelPath);

        using var server = ExchangeLoad.StartServer(serverDll, data, baseUri, environment);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = baseUri };
            await ExchangeLoad.WaitReadyAsync(http);
            var secrets = File.ReadAllLines(Path.Combine(data, "demo-credentials.txt"))
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => l.Split(' '))
                .ToDictionary(p => p[0], p => p[3], StringComparer.Ordinal);
            var admin = await ExchangeLoad.TokenAsync(http, "hub-admin", secrets["hub-admin"]);
            var building = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                using var request = Match(admin, 0);
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }

                if (building.Elapsed > TimeSpan.FromMinutes(30))
                {
                    throw new TimeoutException("The match index was not built in 30 minutes: " + await response.Content.ReadAsStringAsync());
                }

                await Task.Delay(500);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index ready {building.Elapsed.TotalSeconds:N0} s after the hub started; {concurrency} concurrent clients; {seconds} s per phase; {Environment.ProcessorCount} cores"));
            var found = 0L;
            Func<HttpClient, int, Task<bool>> match = async (client, i) =>
            {
                using var request = Match(admin, Random.Shared.Next(persons));
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (body.Contains("\"probability\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref found);
                }

                return response.IsSuccessStatusCode;
            };
            Func<HttpClient, int, Task<bool>> authenticated = async (client, _) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations/dwp");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                return response.IsSuccessStatusCode;
            };
            // The floor every audited data route pays: token, policy, a store read and the audit append, no matching.
            Func<HttpClient, int, Task<bool>> audited = async (client, _) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/persons/prs_absent");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                return response.StatusCode == System.Net.HttpStatusCode.NotFound;
            };
            Func<HttpClient, int, Task<bool>> bare = async (client, _) =>
            {
                using var response = await client.GetAsync("/health/live");
                await response.Content.ReadAsByteArrayAsync();
                return response.IsSuccessStatusCode;
            };

            await ExchangeLoad.DriveAsync(http, server, match, 5, concurrency);
            found = 0;
            var matches = await ExchangeLoad.DriveAsync(http, server, match, seconds, concurrency);
            var answered = found;
            await ExchangeLoad.DriveAsync(http, server, audited, 2, concurrency);
            var withAudit = await ExchangeLoad.DriveAsync(http, server, audited, seconds, concurrency);
            await ExchangeLoad.DriveAsync(http, server, authenticated, 2, concurrency);
            var withToken = await ExchangeLoad.DriveAsync(http, server, authenticated, seconds, concurrency);
            await ExchangeLoad.DriveAsync(http, server, bare, 2, concurrency);
            var baseline = await ExchangeLoad.DriveAsync(http, server, bare, seconds, concurrency);
            ExchangeLoad.Print(string.Create(CultureInfo.InvariantCulture, $"person match at {persons:N0} persons (token, policy, index, waterfall, audit)"), matches);
            ExchangeLoad.Print("audited read of an absent person (token, policy, store read, audit; no match)", withAudit);
            ExchangeLoad.Print("token-checked read of one organisation (no audit)", withToken);
            ExchangeLoad.Print("bare endpoint (/health/live)", baseline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answers with at least one candidate: {answered:N0} of {matches.Requests:N0}; ratio match/bare p99: {matches.P99 / baseline.P99:N1}x, throughput: {matches.PerSecond / baseline.PerSecond:P1}"));
            return matches.Errors == 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            work.Delete(recursive: true);
        }
    }

    // In process, before the hub starts: the index alone (blocking, scoring, waterfalls) and serialising its answer,
    // one query at a time, so the hub's figures can be split into matching and everything around it.
    private static async Task MeasureIndexAsync(string data, int persons, string settingsPath, string modelPath)
    {
        var location = BenchStores.Resolve(data);
        await using var services = new ServiceCollection().AddConcordatStore(location).BuildServiceProvider();
        var settings = LinkageSettingsJson.Read(await File.ReadAllTextAsync(settingsPath)).Value;
        var model = LinkageModel.Parse(await File.ReadAllTextAsync(modelPath)).Value;
        var loading = System.Diagnostics.Stopwatch.StartNew();
        using var index = (await PersonMatchIndexLoader.LoadAsync(settings, model, services.GetRequiredService<IPersonStore>(), services.GetRequiredService<IRecordStore>(), default)).Value;
        var loaded = loading.Elapsed;
        var memory = GC.GetTotalMemory(forceFullCollection: true);
        const int queries = 20_000;
        var match = new double[queries];
        var serialise = new double[queries];
        long scored = 0, skipped = 0, maxScored = 0;
        var random = new Random(7);
        for (var i = -2_000; i < queries; i++)
        {
            var record = Record(random.Next(persons));
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var found = index.Find(record, 5, 0.5, PersonMatchIndex.DefaultMaxBlockRecords, null).Value;
            var matched = System.Diagnostics.Stopwatch.GetTimestamp();
            var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(found, Concordat.Core.ConcordatJson.Options);
            var done = System.Diagnostics.Stopwatch.GetTimestamp();
            if (i < 0 || bytes.Length == 0)
            {
                continue;
            }

            match[i] = System.Diagnostics.Stopwatch.GetElapsedTime(started, matched).TotalMicroseconds;
            serialise[i] = System.Diagnostics.Stopwatch.GetElapsedTime(matched, done).TotalMicroseconds;
            scored += found.RecordsScored;
            maxScored = Math.Max(maxScored, found.RecordsScored);
            skipped += found.SkippedBlocks.Count;
        }

        Array.Sort(match);
        Array.Sort(serialise);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index in process: {index.RecordCount:N0} records loaded in {loaded.TotalSeconds:N0} s, {memory / 1048576.0:N0} MB managed heap after load"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index alone, one thread, {queries:N0} queries: match p50 {match[queries / 2]:N0} us, p99 {match[queries * 99 / 100]:N0} us, mean {match.Average():N0} us; serialising the answer p50 {serialise[queries / 2]:N0} us, p99 {serialise[queries * 99 / 100]:N0} us; records scored mean {scored / (double)queries:N1}, max {maxScored:N0}; blocks skipped {skipped:N0}"));
    }

    private static Dictionary<string, string?> Record(int person)
    {
        var (given, family, dob, postcode, _) = Person(person);
        return new Dictionary<string, string?> { ["givenName"] = given[..^1], ["familyName"] = family, ["dateOfBirth"] = dob, ["postcode"] = postcode };
    }

    private static HttpRequestMessage Match(string token, int person)
    {
        var (given, family, dob, postcode, _) = Person(person);
        // The caller has a typo in the given name and no identifiers: the engine has to block and score, not look up.
        var json = $$"""{"record":{"givenName":"{{given[..^1]}}","familyName":"{{family}}","dateOfBirth":"{{dob}}","postcode":"{{postcode}}"},"limit":5}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/persons/match") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static (string Given, string Family, string Dob, string Postcode, string Nino) Person(int i)
    {
        var random = new Random(i);
        return (
            Given[random.Next(Given.Length)],
            Family[random.Next(Family.Length)],
            new DateOnly(1930, 1, 1).AddDays(random.Next(30_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"LS{random.Next(1, 30)} {random.Next(10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}"),
            string.Create(CultureInfo.InvariantCulture, $"AB{i:D6}C"));
    }

    private static string Json(int i, bool typo)
    {
        var (given, family, dob, postcode, nino) = Person(i);
        return $$"""{"nino":"{{nino}}","givenName":"{{(typo ? given[1..] : given)}}","familyName":"{{family}}","dateOfBirth":"{{dob}}","postcode":"{{postcode}}","benefit":"pension-credit"}""";
    }

    private static async Task SeedAsync(string data, int persons, string settingsPath, string modelPath)
    {
        var location = BenchStores.Resolve(data);
        await using var services = new ServiceCollection().AddConcordatStore(location).BuildServiceProvider();
        var ingest = services.GetRequiredService<IIngestStore>();
        var records = new List<HubRecord>();
        var people = new List<Person>(persons);
        using (var session = ingest.Begin(new IngestRunStart("dwp-claimants", "load", SourceFormat.Csv, RefreshMode.Incremental, "bench", DateTimeOffset.UtcNow)))
        {
            long row = 0;
            var batch = new IngestWriteBatch(2048);
            for (var i = 0; i < persons; i++)
            {
                var refs = new List<RecordRef>(2);
                for (var copy = 0; copy < (i % 10 == 0 ? 2 : 1); copy++)
                {
                    var key = string.Create(CultureInfo.InvariantCulture, $"C{i:D8}-{copy}");
                    var json = Json(i, copy == 1);
                    batch.AddRecord(key, RecordContent.FromUtf8(Encoding.UTF8.GetBytes(json)), ++row);
                    if (batch.Records.Count == 2048)
                    {
                        session.Apply(batch);
                        batch.Clear();
                    }

                    refs.Add(new RecordRef("dwp-claimants", key));
                    if (i < 100_000)
                    {
                        var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(json)!;
                        records.Add(new HubRecord(refs[^1], DateTimeOffset.UnixEpoch, fields));
                    }
                }

                people.Add(new Person { PersonId = string.Create(CultureInfo.InvariantCulture, $"prs_{i:D8}"), Records = refs, Golden = new Dictionary<string, string?>(), GoldenSources = new Dictionary<string, RecordRef>() });
            }

            if (!batch.IsEmpty)
            {
                session.Apply(batch);
            }

            session.Commit(new IngestCounts { RowsRead = row, RowsLoaded = row, VersionsCreated = row }, false, null, DateTimeOffset.UtcNow);
        }

        await services.GetRequiredService<IPersonStore>().SaveAsync(
            new PersonResolution { Persons = people, ReviewQueue = [], NewPersons = people.Count, NewlyLinkedRecords = people.Sum(p => p.Records.Count), PairsScored = 0 },
            DateTimeOffset.UtcNow,
            default);

        // The model comes from a sample, as `persons resolve --model-out` would train it.
        var settings = LinkageSettingsJson.Read(await File.ReadAllTextAsync(settingsPath)).Value;
        using var source = new HubRecordSource(records, [.. settings.Columns.Select(c => c.Name)], settings.UniqueIdColumn);
        var sample = LinkageData.Load(settings with { LinkType = LinkType.Dedupe }, [source]).Value;
        var model = new LinkageEngine(settings with { LinkType = LinkType.Dedupe }).Train(sample).Value;
        await File.WriteAllTextAsync(modelPath, model.ToJson());
    }
}

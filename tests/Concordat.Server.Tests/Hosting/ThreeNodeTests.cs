using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Concordat.Server.Tests.Infrastructure;
using Concordat.Storage;
using Npgsql;

namespace Concordat.Server.Tests.Hosting;

/// <summary>
/// Three hub processes on different ports against one PostgreSQL database, sharing one data directory for their keys
/// (issue 16): concurrent requests on all three leave one gap-free audit sequence, one node signs at a time, and when
/// the signer is killed (SIGKILL) another takes over; the exported log passes <c>concordat audit verify</c>.
/// </summary>
public sealed class ThreeNodeTests : IAsyncLifetime
{
    private const string Lookup = """{"agreementId":"none","purpose":"benefit-eligibility","datasetId":"dwp-claimants","identifier":{"kind":"nino","value":"JG103759A"}}""";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-process-tests", Guid.NewGuid().ToString("N"));
    private readonly string _name = $"concordat_test_3n_{Guid.NewGuid():N}"[..40];
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
    public async Task Three_nodes_keep_one_audit_sequence_and_one_signer_that_fails_over()
    {
        var environment = new Dictionary<string, string> { ["CONCORDAT_STORE"] = _store };
        var first = await HubProcess.StartAsync(_directory, environment: environment);
        try
        {
            var secrets = File.ReadAllLines(Path.Combine(_directory, "data", "demo-credentials.txt"))
                .Where(l => !l.StartsWith('#') && l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[3]);
            string token;
            using (var http = first.Client())
            {
                token = await ProcessHubs.ClientTokenAsync(http, "leeds-council-service", secrets["leeds-council-service"]);
            }

            // Alone, the first node takes the signer lease and signs; it keeps the lease while the others join.
            await RefuseAsync(first, token);
            await WaitForCheckpointAsync(await ScalarAsync("SELECT count(*) FROM audit_entries"));
            await using var second = await HubProcess.StartAsync(_directory, environment: environment);
            await using var third = await HubProcess.StartAsync(_directory, environment: environment);

            // Concurrent requests on all three (a token one node issued is honoured by all: they share the keys) make
            // one gap-free sequence, and one node signs over it.
            var nodes = new[] { first, second, third };
            await Task.WhenAll(nodes.SelectMany(node => Enumerable.Range(0, 15).Select(_ => RefuseAsync(node, token))));
            var entries = await ScalarAsync("SELECT count(*) FROM audit_entries");
            Assert.True(entries >= 46, $"{entries} audit entries");
            Assert.Equal(entries - 1, await ScalarAsync("SELECT max(idx) FROM audit_entries"));
            await WaitForCheckpointAsync(entries);
            Assert.Equal(1L, await ScalarAsync(SignerHolders));

            // SIGKILL the signer: the other two keep answering, every request still audited without a gap, and one of
            // them takes over the signing.
            await first.DisposeAsync();
            await Task.WhenAll(new[] { second, third }.SelectMany(node => Enumerable.Range(0, 10).Select(_ => RefuseAsync(node, token))));
            var after = await ScalarAsync("SELECT count(*) FROM audit_entries");
            Assert.True(after >= entries + 20, $"{after} audit entries after the kill");
            Assert.Equal(after - 1, await ScalarAsync("SELECT max(idx) FROM audit_entries"));
            await WaitForCheckpointAsync(after);
            Assert.Equal(1L, await ScalarAsync(SignerHolders));

            // The whole log, written by three processes, verifies offline.
            var export = Path.Combine(_directory, "audit.ndjson");
            Assert.Equal(0, (await CliAsync("audit", "export", "--out", export)).Code);
            var key = await CliAsync("audit", "public-key");
            Assert.Equal(0, key.Code);
            await File.WriteAllTextAsync(Path.Combine(_directory, "audit.jwk"), key.Output);
            var verify = await CliAsync("audit", "verify", "--file", export, "--public-key", Path.Combine(_directory, "audit.jwk"));
            Assert.True(verify.Code == 0, verify.Output);
            Assert.Contains($"OK: {after} entries", verify.Output, StringComparison.Ordinal);
        }
        finally
        {
            await first.DisposeAsync();
        }
    }
    [Fact]
    public async Task An_agreement_suspended_through_one_node_is_refused_by_another_on_its_next_request()
    {
        var environment = new Dictionary<string, string> { ["CONCORDAT_STORE"] = _store };
        await using var first = await HubProcess.StartAsync(_directory, environment: environment);
        await using var second = await HubProcess.StartAsync(_directory, environment: environment);
        var secrets = File.ReadAllLines(Path.Combine(_directory, "data", "demo-credentials.txt"))
            .Where(l => !l.StartsWith('#') && l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[3]);
        using var consumer = await AsAsync(first, "leeds-council-service", secrets);
        using var steward = await AsAsync(second, "dwp-steward", secrets);
        using var dpo = await AsAsync(first, "dwp-dpo", secrets);
        using var consumerOnSecond = await AsAsync(second, "leeds-council-service", secrets);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var agreement = $$$"""
            {"id":"tn-suspend","terms":{"title":"Pension credit take-up","providerOrganisationId":"dwp","consumerOrganisationId":"leeds-council",
             "datasets":[{"datasetId":"dwp-claimants","fields":[{"name":"nino"},{"name":"postcode","transform":"postcodeDistrict"}]}],
             "purpose":"Find older residents who may be entitled to pension credit.","purposeCode":"benefit-eligibility","lawfulBasis":"publicTask",
             "legalGateway":"Digital Economy Act 2017 Part 5 (public service delivery)","disclosureMode":"identified","retentionDays":90,"frequency":"monthly",
             "startDate":"{{{today.AddDays(-1):yyyy-MM-dd}}}","endDate":"{{{today.AddDays(365):yyyy-MM-dd}}}","dpiaReference":"DPIA-2025-117",
             "contacts":[{"organisationId":"dwp","role":"information asset owner","name":"DWP data sharing","email":"sharing@dwp.example.gov.uk"},
               {"organisationId":"leeds-council","role":"data protection officer","name":"Leeds DPO","email":"dpo@leeds.example.gov.uk"}]}}
            """;
        await ExpectAsync(consumer.PostAsync("/api/v1/agreements", Bodies.Json(agreement)), HttpStatusCode.Created);
        await ExpectAsync(consumer.PostAsync("/api/v1/agreements/tn-suspend/submit", Bodies.Json("{}")), HttpStatusCode.OK);
        await ExpectAsync(steward.PostAsync("/api/v1/agreements/tn-suspend/approve", Bodies.Json("""{"role":"steward"}""")), HttpStatusCode.OK);
        await ExpectAsync(dpo.PostAsync("/api/v1/agreements/tn-suspend/approve", Bodies.Json("""{"role":"dpo"}""")), HttpStatusCode.OK);
        const string lookup = """{"agreementId":"tn-suspend","purpose":"benefit-eligibility","datasetId":"dwp-claimants","identifier":{"kind":"nino","value":"JG103759A"}}""";

        // Node 2 answers under the active agreement (the demo record, shaped), so it has read and parsed the agreement.
        for (var i = 0; i < 3; i++)
        {
            await ExpectAsync(consumerOnSecond.PostAsync("/api/v1/exchange/lookups", Bodies.Json(lookup)), HttpStatusCode.OK);
        }

        // Suspended through node 1: node 2's very next request is refused for that reason, and audited as refused.
        await ExpectAsync(dpo.PostAsync("/api/v1/agreements/tn-suspend/suspend", Bodies.Json("""{"reason":"Breach under investigation."}""")), HttpStatusCode.OK);
        var refused = await Problem.ReadAsync(await consumerOnSecond.PostAsync("/api/v1/exchange/lookups", Bodies.Json(lookup)), 403);
        Assert.Equal("policy.agreement_suspended", Problem.Code(refused));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_entries WHERE position(convert_to('policy.agreement_suspended', 'UTF8') in entry) > 0"));
    }

    private static async Task<HttpClient> AsAsync(HubProcess node, string clientId, IReadOnlyDictionary<string, string> secrets)
    {
        var client = node.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ProcessHubs.ClientTokenAsync(client, clientId, secrets[clientId]));
        return client;
    }

    private static async Task ExpectAsync(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
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

    // Sessions holding the audit signer's advisory lock ("CONCORDS") in this database.
    private const string SignerHolders = """
        SELECT count(*) FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND ((classid::bigint << 32) | objid::bigint) = x'434F4E434F524453'::bigint
        """;

    private static async Task RefuseAsync(HubProcess node, string token)
    {
        using var client = node.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task WaitForCheckpointAsync(long size)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ScalarAsync("SELECT COALESCE(max(tree_size), 0) FROM audit_checkpoints") < size)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no checkpoint covered {size} entries within 30 s");
            await Task.Delay(200);
        }
    }

    private Task<(int Code, string Output)> CliAsync(params string[] args) => ProcessHubs.CliAsync(Path.Combine(_directory, "data"), _store, args);

    private Task<long> ScalarAsync(string sql) => ProcessHubs.PostgresScalarAsync(Database, sql);
}

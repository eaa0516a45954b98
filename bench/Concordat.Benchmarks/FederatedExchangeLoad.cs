using System.Globalization;
using System.Net;
using Concordat.Core.Federation;
using Concordat.Storage.Audit;
using Concordat.Storage.Federation;
using Concordat.Storage.Keys;

namespace Concordat.Benchmarks;

/// <summary>
/// End-to-end load on a look-up through two federation nodes, with the single-node look-up in the same run for the
/// ratio: makes a federation (CA, configuration signing key, two node certificates, a signed configuration), starts
/// DWP's node (which holds <c>people</c> claimants and the agreement) and Leeds's node as two hub processes, then
/// drives, for the same time each, <c>POST /api/v1/exchange/lookups</c> on DWP's node for <c>dwp-claimants</c> and on
/// Leeds's node for <c>dwp:dwp-claimants</c> (forwarded over mutual TLS, signed, audited on both nodes). Uses ports
/// <c>CONCORDAT_BENCH_PORT</c> to <c>+3</c> when set.
/// </summary>
internal static class FederatedExchangeLoad
{
    private const string Federation = "bench.federation";

    public static async Task<int> RunAsync(string serverDll, int seconds, int concurrency, int people)
    {
        var work = Directory.CreateTempSubdirectory("concordat-load-federated-");
        var port = ExchangeLoad.Port();
        var now = DateTimeOffset.UtcNow;
        using var signer = NoteSigner.Generate(Federation);
        using var authority = FederationCertificateAuthority.Create(Federation, now, TimeSpan.FromDays(30));
        var nodes = new[] { (Organisation: "dwp", Api: port, Listener: port + 2), (Organisation: "leeds-council", Api: port + 1, Listener: port + 3) };
        var members = nodes.Select(n => PrepareNode(work.FullName, authority, n.Organisation, n.Listener, now)).ToList();
        var issued = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var configuration = new FederationConfiguration(Federation, 1, issued, issued + TimeSpan.FromDays(7), TimeSpan.FromDays(3),
            [authority.RawDataMemory.ToArray()], members, [], WitnessPolicy.NoWitnesses);
        var note = Path.Combine(work.FullName, "configuration.note");
        await File.WriteAllTextAsync(note, FederationConfigurationNote.Sign(configuration, signer));

        var servers = nodes.Select(n => ExchangeLoad.StartServer(serverDll, Path.Combine(work.FullName, n.Organisation), new Uri($"http://127.0.0.1:{n.Api}"), new Dictionary<string, string>
        {
            ["Concordat__Audit__Origin"] = n.Organisation + ".concordat/audit",
            ["Concordat__Federation__Enabled"] = "true",
            ["Concordat__Federation__OrganisationId"] = n.Organisation,
            ["Concordat__Federation__ConfigurationSource"] = note,
            ["Concordat__Federation__TrustedKey"] = signer.VerifierKey.Encoded,
            ["Concordat__Federation__ListenEndpoint"] = $"127.0.0.1:{n.Listener}",
        })).ToArray();
        try
        {
            HttpClient Client(int api) => new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = new Uri($"http://127.0.0.1:{api}") };
            using var dwp = Client(nodes[0].Api);
            using var leeds = Client(nodes[1].Api);
            var (single, _) = await ExchangeLoad.PrepareLookupsAsync(dwp, Path.Combine(work.FullName, "dwp"), people);
            await ExchangeLoad.WaitReadyAsync(leeds);
            await WaitFederatingAsync(leeds);
            var leedsData = Path.Combine(work.FullName, "leeds-council");
            var token = await ExchangeLoad.TokenAsync(leeds, "leeds-council-service", ExchangeLoad.Secrets(leedsData)["leeds-council-service"]);
            var federated = ExchangeLoad.LookupCall(token, "dwp:dwp-claimants", people);
            if (!await federated(leeds, 0))
            {
                Console.Error.WriteLine("The first look-up through Leeds's node failed; see the hubs' output above.");
                return 1;
            }

            Console.WriteLine($"hubs: {serverDll}; {people:N0} claimants at DWP's node; {concurrency} concurrent clients; {seconds} s per phase; {Environment.ProcessorCount} cores; all three processes share the machine");
            await ExchangeLoad.DriveAsync(dwp, servers[0], single, 10, concurrency);
            await ExchangeLoad.DriveAsync(leeds, servers[1], federated, 10, concurrency);
            var direct = await ExchangeLoad.DriveAsync(dwp, servers[0], single, seconds, concurrency);
            var through = await ExchangeLoad.DriveAsync(leeds, servers[1], federated, seconds, concurrency);
            ExchangeLoad.Print("lookup at the provider's node (single node)", direct);
            ExchangeLoad.Print("lookup through the consumer's node to the provider's (two nodes; CPU is the consumer node's)", through);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio two nodes / single node: throughput {through.PerSecond / direct.PerSecond:P1}, p99 {through.P99 / direct.P99:F1}x"));
            return direct.Errors == 0 && through.Errors == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                server.Dispose();
            }

            work.Delete(recursive: true);
        }
    }

    // A department's data directory as `federation node-request` and `install-certificate` leave it, and its member entry.
    private static FederationMember PrepareNode(string root, System.Security.Cryptography.X509Certificates.X509Certificate2 authority, string organisation, int listener, DateTimeOffset now)
    {
        var data = Path.Combine(root, organisation);
        var keys = Path.Combine(data, "keys");
        using var sealer = MasterKeyFile.LoadOrCreate(keys, null).Sealer;
        using var key = FederationKeyFiles.CreateNodeKey(keys, sealer);
        var request = NodeCertificateRequest.Parse(NodeCertificateRequest.Create(key, organisation, ["localhost"], [IPAddress.Loopback])).Value;
        using var certificate = FederationCertificateAuthority.IssueNode(authority, request.PublicKey, organisation, request.DnsNames, request.Addresses, now, TimeSpan.FromDays(30));
        Directory.CreateDirectory(Path.Combine(data, "federation"));
        File.WriteAllText(Path.Combine(data, "federation", "node.crt"), certificate.ExportCertificatePem() + "\n");
        var origin = organisation + ".concordat/audit";
        var (auditKey, _) = AuditKeyFiles.LoadOrCreateSigningKey(keys, sealer);
        using (auditKey)
        {
            return new FederationMember(organisation, organisation, new Uri($"https://127.0.0.1:{listener}/"), [CertificateThumbprint.Of(certificate)],
                new FederationAuditLog(origin, AuditLogVerifierKey.For(auditKey.PublicKey, origin)));
        }
    }

    private static async Task WaitFederatingAsync(HttpClient http)
    {
        for (var i = 0; i < 300; i++)
        {
            using var response = await http.GetAsync("/health/federation");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Leeds's node did not federate in 30 s.");
    }
}

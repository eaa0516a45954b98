using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Concordat.Core.Federation;
using Concordat.Storage.Audit;
using Concordat.Storage.Federation;
using Concordat.Storage.Keys;
using Microsoft.Extensions.Time.Testing;

namespace Concordat.Server.Tests.Federation;

/// <summary>
/// A federation on loopback for tests: an operator (certificate authority and configuration signing key) and N real
/// hub nodes, each with its own data directory, ports, master key, node key and certificate, and audit key, all under
/// one signed configuration that the nodes read from a file the test can republish, break or remove. The nodes share
/// one fake clock so expiry and grace can be reached by advancing it.
/// </summary>
public sealed class FederationNetwork : IAsyncDisposable
{
    public const string Name = "test.federation";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "concordat-federation-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, NodeFiles> _files = new(StringComparer.Ordinal);
    private readonly List<FederationNode> _nodes = [];
    private long _version;

    public FederationNetwork()
    {
        Directory.CreateDirectory(_root);
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Signer = NoteSigner.Generate(Name);
        Authority = FederationCertificateAuthority.Create(Name, Time.GetUtcNow(), TimeSpan.FromDays(3650));
        ConfigurationPath = Path.Combine(_root, "operator", "configuration.note");
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigurationPath)!);
    }

    public FakeTimeProvider Time { get; }

    public NoteSigner Signer { get; }

    public X509Certificate2 Authority { get; }

    /// <summary>Where the nodes fetch the configuration from.</summary>
    public string ConfigurationPath { get; }

    /// <summary>The last configuration published.</summary>
    public FederationConfiguration? Published { get; private set; }

    /// <summary>
    /// Prepares a node's data directory (keys, certificate signed by the federation CA) without starting it, so its
    /// certificate and audit key can be listed before it runs.
    /// </summary>
    public void Prepare(string organisationId)
    {
        if (_files.ContainsKey(organisationId))
        {
            return;
        }

        var data = Path.Combine(_root, organisationId);
        var keys = Path.Combine(data, "keys");
        var (sealer, _, _) = MasterKeyFile.LoadOrCreate(keys, null);
        using var key = FederationKeyFiles.CreateNodeKey(keys, sealer);
        using var certificate = IssueFor(key, organisationId);
        var certificatePath = Path.Combine(data, "federation", "node.crt");
        Directory.CreateDirectory(Path.GetDirectoryName(certificatePath)!);
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        var origin = organisationId + ".concordat/audit";
        var (auditKey, _) = AuditKeyFiles.LoadOrCreateSigningKey(keys, sealer);
        using var witness = WitnessKeyFile.LoadOrCreate(keys, sealer, WitnessKeyFile.DefaultName(origin));
        using (auditKey)
        {
            _files.Add(organisationId, new NodeFiles(data, FreePort(), certificate.ExportCertificatePem(), CertificateThumbprint.Of(certificate), new FederationAuditLog(origin, AuditLogVerifierKey.For(auditKey.PublicKey, origin)), witness.VerifierKey));
        }
    }

    /// <summary>A prepared node's witness cosigning key (type 0x04 vkey).</summary>
    public NoteVerifierKey WitnessKey(string organisationId) => _files[organisationId].WitnessKey;

    /// <summary>A prepared node's data directory.</summary>
    public string DataDirectoryOf(string organisationId) => _files[organisationId].DataDirectory;

    /// <summary>A witness policy naming the prepared nodes as witnesses (each by its organisation id) and a quorum of <paramref name="threshold"/> of them.</summary>
    public WitnessPolicy WitnessPolicyOf(IReadOnlyList<string> witnesses, int threshold)
    {
        var text = string.Concat(witnesses.Select(w => $"witness {w} {WitnessKey(w).Encoded}\n")) + $"group witnesses {threshold} {string.Join(' ', witnesses)}\nquorum witnesses\n";
        var policy = WitnessPolicy.Parse(text);
        Assert.True(policy.IsSuccess, policy.IsSuccess ? null : policy.Errors[0].Message);
        return policy.Value;
    }

    /// <summary>The thumbprint of a prepared node's certificate.</summary>
    public string Thumbprint(string organisationId) => _files[organisationId].Thumbprint;

    /// <summary>A prepared node's certificate with its private key, for raw mutual-TLS clients.</summary>
    public X509Certificate2 CertificateOf(string organisationId)
    {
        var files = _files[organisationId];
        var (sealer, _, _) = MasterKeyFile.LoadOrCreate(Path.Combine(files.DataDirectory, "keys"), null);
        using var key = FederationKeyFiles.LoadNodeKey(Path.Combine(files.DataDirectory, "keys"), sealer);
        using var certificate = X509Certificate2.CreateFromPem(files.CertificatePem);
        using var joined = certificate.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(joined.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A prepared node's federation address.</summary>
    public Uri AddressOf(string organisationId) => new($"https://127.0.0.1:{_files[organisationId].Port}/");

    /// <summary>The member entry of a prepared node.</summary>
    public FederationMember Member(string organisationId)
    {
        var files = _files[organisationId];
        return new FederationMember(organisationId, organisationId.ToUpperInvariant() + " test department", AddressOf(organisationId), [files.Thumbprint], files.AuditLog);
    }

    /// <summary>A configuration listing the given prepared nodes, one version above the last published.</summary>
    public FederationConfiguration Configuration(IEnumerable<string> members, TimeSpan? lifetime = null, TimeSpan? grace = null, WitnessPolicy? witnessPolicy = null)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(Time.GetUtcNow().ToUnixTimeSeconds());
        return new FederationConfiguration(Name, _version + 1, now, now + (lifetime ?? TimeSpan.FromDays(7)), grace ?? TimeSpan.FromDays(3),
            [Authority.RawDataMemory.ToArray()], members.Select(Member).ToList(), [], witnessPolicy ?? WitnessPolicy.NoWitnesses);
    }

    /// <summary>Signs and publishes a configuration where the nodes fetch it.</summary>
    public FederationConfiguration Publish(FederationConfiguration configuration)
    {
        var checkedConfiguration = FederationConfigurationJson.Validate(configuration);
        Assert.True(checkedConfiguration.IsSuccess, checkedConfiguration.IsSuccess ? null : checkedConfiguration.Errors[0].Message);
        PublishRaw(FederationConfigurationNote.Sign(configuration, Signer));
        _version = Math.Max(_version, configuration.Version);
        Published = configuration;
        return configuration;
    }

    /// <summary>Publishes exactly these bytes (a broken or foreign configuration).</summary>
    public void PublishRaw(string note) => File.WriteAllText(ConfigurationPath, note);

    /// <summary>Removes the published configuration: the source is now unreachable.</summary>
    public void Withdraw() => File.Delete(ConfigurationPath);

    /// <summary>Starts a prepared node (the configuration must be published first) and waits for it to read the configuration.</summary>
    /// <param name="organisationId">The prepared node to start.</param>
    /// <param name="seedDemo">Seed the demo organisations, clients and dataset definitions (no records) into its store.</param>
    public async Task<FederationNode> StartAsync(string organisationId, bool seedDemo = false)
    {
        Prepare(organisationId);
        var files = _files[organisationId];
        var node = new FederationNode(organisationId, files.Port, files.DataDirectory, new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Concordat:SeedDemo"] = seedDemo ? "true" : "false",
            ["Concordat:Audit:Origin"] = files.AuditLog.Origin,
            ["Concordat:Federation:Enabled"] = "true",
            ["Concordat:Federation:OrganisationId"] = organisationId,
            ["Concordat:Federation:ConfigurationSource"] = ConfigurationPath,
            ["Concordat:Federation:TrustedKey"] = Signer.VerifierKey.Encoded,
            ["Concordat:Federation:ListenEndpoint"] = $"127.0.0.1:{files.Port}",
            // Refreshes happen when a test asks for them, not on the clock it advances.
            ["Concordat:Federation:RefreshInterval"] = "1.00:00:00",
        }, Time);
        _nodes.Add(node);
        node.EnsureStarted();
        await node.RefreshAsync();
        return node;
    }

    /// <summary>Issues a certificate from the federation CA for a key (a second certificate, a node never listed).</summary>
    public X509Certificate2 IssueFor(ECDsa key, string organisationId)
    {
        var request = NodeCertificateRequest.Parse(NodeCertificateRequest.Create(key, organisationId, ["localhost"], [IPAddress.Loopback])).Value;
        return FederationCertificateAuthority.IssueNode(Authority, request.PublicKey, organisationId, request.DnsNames, request.Addresses, Time.GetUtcNow(), TimeSpan.FromDays(90));
    }

    /// <summary>
    /// A plain HTTP client that presents <paramref name="certificate"/> (or none) to a federation listener and accepts
    /// any server certificate: what an outsider, or a member using a stolen token, would build.
    /// </summary>
    public static HttpClient RawClient(Uri address, X509Certificate2? certificate) =>
        new(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificate is null ? null : [certificate],
                LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
            },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { BaseAddress = address };

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        Signer.Dispose();
        Authority.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold a file for a moment after shutdown; the temp folder is cleaned eventually.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record NodeFiles(string DataDirectory, int Port, string CertificatePem, string Thumbprint, FederationAuditLog AuditLog, NoteVerifierKey WitnessKey);
}

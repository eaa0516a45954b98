using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Federation;
using Concordat.Storage.Federation;

namespace Concordat.Cli.Tests.Commands;

/// <summary>The operator's and a department's federation commands, end to end on files.</summary>
public sealed class FederationCommandTests : IDisposable
{
    private readonly CliWorkspace _ws = new();
    private readonly Dictionary<string, CliWorkspace> _departments = new(StringComparer.Ordinal);

    private string Federation => _ws.PathOf("federation");

    public void Dispose()
    {
        _ws.Dispose();
        foreach (var department in _departments.Values)
        {
            department.Dispose();
        }
    }

    [Fact]
    public async Task An_operator_and_two_departments_produce_a_configuration_a_node_can_verify()
    {
        Assert.Equal(0, await _ws.RunAsync("federation", "init", "--dir", Federation, "--name", "test.federation"));
        var trusted = NoteVerifierKey.Parse(File.ReadAllText(Path.Combine(Federation, "signing.vkey")).Trim()).Value;
        var thumbprints = new Dictionary<string, string>();
        var auditKeys = new Dictionary<string, string>();
        foreach (var (org, port) in new[] { ("hmrc", 5711), ("dwp", 5712) })
        {
            await JoinAsync(org, port);
            thumbprints[org] = CertificateThumbprint.Of(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(_ws.PathOf(org + ".crt"))));
            auditKeys[org] = await AuditKeyAsync(org);
        }

        Assert.Equal(0, await _ws.RunAsync("federation", "publish", "--dir", Federation, "--lifetime", "P1D", "--grace", "PT12H"));
        var opened = FederationConfigurationNote.Open(File.ReadAllBytes(Path.Combine(Federation, "configuration.note")), trusted);
        Assert.True(opened.IsSuccess, opened.IsSuccess ? null : opened.Errors[0].Message);
        var configuration = opened.Value;
        Assert.Equal(1, configuration.Version);
        Assert.Equal(TimeSpan.FromDays(1), configuration.ExpiresAt - configuration.IssuedAt);
        Assert.Equal(TimeSpan.FromHours(12), configuration.GracePeriod);
        var hmrc = configuration.FindMember("hmrc")!;
        Assert.Equal("HMRC department", hmrc.Name);
        Assert.Equal(new Uri("https://127.0.0.1:5711/"), hmrc.NodeUrl);
        Assert.Equal([thumbprints["hmrc"]], hmrc.Certificates);
        Assert.Equal(auditKeys["hmrc"], hmrc.AuditLog.Key.Encoded);
        Assert.Equal("hmrc.concordat/audit", hmrc.AuditLog.Origin);

        // The next publication is the next version; the verifier checks it with `show`.
        Assert.Equal(0, await _ws.RunAsync("federation", "publish", "--dir", Federation));
        Assert.Equal(2, FederationConfigurationNote.Open(File.ReadAllBytes(Path.Combine(Federation, "configuration.note")), trusted).Value.Version);
        Assert.Equal(0, await _ws.RunAsync("federation", "show", "--file", Path.Combine(Federation, "configuration.note"), "--trusted-key", Path.Combine(Federation, "signing.vkey")));
    }

    [Fact]
    public async Task Revoking_a_certificate_lists_it_as_revoked_and_unlists_it_from_its_member()
    {
        Assert.Equal(0, await _ws.RunAsync("federation", "init", "--dir", Federation, "--name", "test.federation"));
        await JoinAsync("hmrc", 5711);
        await JoinAsync("dwp", 5712);
        Assert.Equal(0, await _ws.RunAsync("federation", "revoke", "--dir", Federation, "--certificate", _ws.PathOf("dwp.crt")));
        Assert.Equal(5, await _ws.RunAsync("federation", "revoke", "--dir", Federation, "--certificate", _ws.PathOf("dwp.crt")));
        Assert.Equal(0, await _ws.RunAsync("federation", "publish", "--dir", Federation));
        var trusted = NoteVerifierKey.Parse(File.ReadAllText(Path.Combine(Federation, "signing.vkey")).Trim()).Value;
        var configuration = FederationConfigurationNote.Open(File.ReadAllBytes(Path.Combine(Federation, "configuration.note")), trusted).Value;
        Assert.Null(configuration.FindMember("dwp"));
        var revoked = Assert.Single(configuration.RevokedCertificates);
        Assert.Equal(CertificateThumbprint.Of(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(_ws.PathOf("dwp.crt")))), revoked);

        // A revoked certificate cannot be listed again.
        Assert.Equal(2, await _ws.RunAsync("federation", "member", "add", "--dir", Federation, "--org", "dwp", "--name", "DWP", "--url", "https://127.0.0.1:5712/",
            "--certificate", _ws.PathOf("dwp.crt"), "--audit-key", await AuditKeyAsync("dwp")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Keys_in_an_operator_key_directory_are_owner_only_and_refused_once_others_can_read_them()
    {
        var keys = _ws.PathOf("keys-volume");
        Assert.Equal(0, await _ws.RunAsync("federation", "init", "--dir", Federation, "--name", "test.federation", "--key-dir", keys));
        Assert.False(File.Exists(Path.Combine(Federation, FederationKeyFiles.SealedSigningFileName)));
        var signingKey = Path.Combine(keys, FederationKeyFiles.PlainSigningFileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(signingKey));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, FederationKeyFiles.PlainAuthorityFileName)));
        Assert.StartsWith("PRIVATE+KEY+test.federation+", File.ReadAllText(signingKey), StringComparison.Ordinal);
        await JoinAsync("hmrc", 5711);
        Assert.Equal(0, await _ws.RunAsync("federation", "publish", "--dir", Federation));

        File.SetUnixFileMode(signingKey, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Assert.Equal(1, await _ws.RunAsync("federation", "publish", "--dir", Federation));
    }

    [Fact]
    public async Task The_sealed_keys_need_the_master_key_that_sealed_them()
    {
        Assert.Equal(0, await _ws.RunAsync("federation", "init", "--dir", Federation, "--name", "test.federation"));
        var sealedKey = File.ReadAllText(Path.Combine(Federation, FederationKeyFiles.SealedSigningFileName));
        Assert.DoesNotContain("PRIVATE+KEY", Encoding.UTF8.GetString(Convert.FromBase64String(sealedKey.Trim())), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_ws.Data, "keys", "master.key"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        Assert.NotEqual(0, await _ws.RunAsync("federation", "publish", "--dir", Federation));
    }

    [Fact]
    public async Task Node_info_prints_the_audit_checkpoint_key_as_a_vkey_named_after_the_origin()
    {
        var printed = NoteVerifierKey.Parse(await AuditKeyAsync("hmrc")).Value;
        var keys = Path.Combine(Department("hmrc").Data, "keys");
        var (sealer, _, _) = Concordat.Storage.Keys.MasterKeyFile.LoadOrCreate(keys, null);
        var (key, created) = Concordat.Storage.Audit.AuditKeyFiles.LoadOrCreateSigningKey(keys, sealer);
        using (key)
        {
            Assert.False(created);
            Assert.Equal(AuditLogVerifierKey.For(key.PublicKey, "hmrc.concordat/audit"), printed);
        }

        Assert.Equal("hmrc.concordat/audit", printed.Name);
        Assert.Equal(NoteVerifierKey.EcdsaType, printed.SignatureType);
    }

    [Fact]
    public async Task Bad_input_gets_one_line_and_a_documented_exit_code()
    {
        Assert.Equal(2, await _ws.RunAsync("federation", "init", "--dir", Federation, "--name", "two words"));
        Assert.Equal(2, await _ws.RunAsync("federation", "publish", "--dir", Federation));
        Assert.Equal(0, await _ws.RunAsync("federation", "init", "--dir", Federation, "--name", "test.federation"));
        Assert.Equal(5, await _ws.RunAsync("federation", "init", "--dir", Federation, "--name", "test.federation"));
        Assert.Equal(2, await _ws.RunAsync("federation", "publish", "--dir", Federation, "--lifetime", "7 days"));
        Assert.Equal(2, await _ws.RunAsync("federation", "policy", "--dir", Federation, "--file", _ws.Write("policy.txt", "quorum somebody\n")));
        Assert.Equal(3, await _ws.RunAsync("federation", "member", "remove", "--dir", Federation, "--org", "hmrc"));
        Assert.Equal(2, await _ws.RunAsync("federation", "node-request", "--org", "HMRC", "--dns", "localhost"));
        Assert.Equal(2, await _ws.RunAsync("federation", "node-request", "--org", "hmrc"));
        Assert.Equal(2, await _ws.RunAsync("federation", "issue", "--dir", Federation, "--request", _ws.Write("bad.csr", "not a request"), "--org", "hmrc", "--out", _ws.PathOf("x.crt")));
    }

    [Fact]
    public async Task A_request_for_one_organisation_is_not_issued_for_another()
    {
        Assert.Equal(0, await _ws.RunAsync("federation", "init", "--dir", Federation, "--name", "test.federation"));
        Assert.Equal(0, await RunNodeAsync("dwp", "federation", "node-request", "--org", "dwp", "--dns", "localhost", "--out", _ws.PathOf("dwp.csr")));
        Assert.Equal(2, await _ws.RunAsync("federation", "issue", "--dir", Federation, "--request", _ws.PathOf("dwp.csr"), "--org", "hmrc", "--out", _ws.PathOf("dwp.crt")));
        Assert.False(File.Exists(_ws.PathOf("dwp.crt")));
    }

    [Fact]
    public async Task A_witness_policy_naming_a_log_that_is_no_member_is_not_published()
    {
        Assert.Equal(0, await _ws.RunAsync("federation", "init", "--dir", Federation, "--name", "test.federation"));
        await JoinAsync("hmrc", 5711);
        var stranger = NoteVerifierKey.ForEd25519("stranger.example/log", RandomNumberGenerator.GetBytes(32)).Encoded;
        Assert.Equal(0, await _ws.RunAsync("federation", "policy", "--dir", Federation, "--file", _ws.Write("policy.txt", $"log {stranger}\nquorum none\n")));
        Assert.Equal(2, await _ws.RunAsync("federation", "publish", "--dir", Federation));
        Assert.Equal(0, await _ws.RunAsync("federation", "policy", "--dir", Federation, "--file", _ws.Write("policy2.txt", $"log {await AuditKeyAsync("hmrc")}\nquorum none\n")));
        Assert.Equal(0, await _ws.RunAsync("federation", "publish", "--dir", Federation));
    }

    // A department makes its key and request, the operator issues and lists it, the department installs the certificate.
    [Fact]
    public async Task Audit_verify_takes_the_witness_policy_from_the_signed_configuration_and_never_counts_the_logs_own_node()
    {
        Assert.Equal(0, await _ws.RunAsync("federation", "init", "--dir", Federation, "--name", "test.federation"));
        await JoinAsync("hmrc", 5711);
        await JoinAsync("dwp", 5712);
        var policy = _ws.Write("policy.txt", $"witness hmrc {await NodeInfoAsync("hmrc", "witness-key")}\nwitness dwp {await NodeInfoAsync("dwp", "witness-key")}\ngroup members any hmrc dwp\nquorum members\n");
        Assert.Equal(0, await _ws.RunAsync("federation", "policy", "--dir", Federation, "--file", policy));
        Assert.Equal(0, await _ws.RunAsync("federation", "publish", "--dir", Federation));

        // HMRC's log: three entries and a checkpoint, exported, with its public key.
        var hmrcKeys = Path.Combine(Department("hmrc").Data, "keys");
        var (sealer, _, _) = Concordat.Storage.Keys.MasterKeyFile.LoadOrCreate(hmrcKeys, null);
        using var signing = Concordat.Storage.Audit.AuditKeyFiles.LoadOrCreateSigningKey(hmrcKeys, sealer).Key;
        var export = _ws.PathOf("hmrc-audit.ndjson");
        Concordat.Core.Audit.Checkpoint checkpoint;
        using (var database = new Concordat.Storage.Sqlite.SqliteDatabase(Path.Combine(Department("hmrc").Data, "concordat.db")))
        {
            database.Migrate();
            using var ledger = Concordat.Storage.Sqlite.SqliteAuditLedger.OpenBeside(database);
            await using var log = new Concordat.Core.Audit.AuditEngine(ledger, new Concordat.Storage.Audit.CheckpointAnchorFile(hmrcKeys), signing, "hmrc.concordat/audit", TimeProvider.System);
            for (var i = 0; i < 3; i++)
            {
                await log.AppendAsync(new Concordat.Core.Audit.AuditEntry
                {
                    Time = DateTimeOffset.UtcNow, ClientId = "c", OrganisationId = "hmrc", Purpose = "p", Action = "lookup", Fields = [], Outcome = Concordat.Core.Audit.AuditOutcome.Permitted,
                }, CancellationToken.None);
            }

            checkpoint = await log.CheckpointAsync(CancellationToken.None);
            await using var stream = File.Create(export);
            await Concordat.Core.Audit.AuditExporter.WriteAsync(log, stream, CancellationToken.None);
        }

        var key = _ws.Write("hmrc-audit-key.jwk", signing.PublicKey.ToJwk());
        var note = CheckpointNote.Format(checkpoint, signing.PublicKey);
        string Cosign(string org)
        {
            var keys = Path.Combine(Department(org).Data, "keys");
            var (orgSealer, _, _) = Concordat.Storage.Keys.MasterKeyFile.LoadOrCreate(keys, null);
            using var witness = WitnessKeyFile.LoadOrCreate(keys, orgSealer, org + ".concordat/witness");
            return witness.Cosign(checkpoint.Body(), DateTimeOffset.UtcNow);
        }

        string[] Verify(string witnessed) => ["audit", "verify", "--file", export, "--public-key", key, "--witnessed", witnessed,
            "--configuration", Path.Combine(Federation, "configuration.note"), "--trusted-key", Path.Combine(Federation, "signing.vkey")];
        var none = new Dictionary<string, string>();

        var (code, output, error) = await _ws.RunProcessAsync(none, Verify(_ws.Write("by-dwp.note", note + Cosign("dwp"))));
        Assert.True(code == 0, error);
        Assert.Contains("quorum 'members' met: cosigned by dwp", output, StringComparison.Ordinal);

        // HMRC's own witness cosigning HMRC's log does not count, though the policy lists it.
        (code, _, error) = await _ws.RunProcessAsync(none, Verify(_ws.Write("by-hmrc.note", note + Cosign("hmrc"))));
        Assert.Equal(1, code);
        Assert.Contains("FAILED (checkpoint.unwitnessed)", error, StringComparison.Ordinal);
        Assert.True(error.Contains("cosigned by no witness; missing dwp.", StringComparison.Ordinal), error);

        // A configuration altered after signing is bad input.
        var tampered = _ws.Write("tampered.note", File.ReadAllText(Path.Combine(Federation, "configuration.note")).Replace("HMRC department", "HMRC departmenu", StringComparison.Ordinal));
        Assert.Equal(2, await _ws.RunAsync("audit", "verify", "--file", export, "--public-key", key, "--witnessed", _ws.PathOf("by-dwp.note"),
            "--configuration", tampered, "--trusted-key", Path.Combine(Federation, "signing.vkey")));
    }

    private async Task<string> NodeInfoAsync(string org, string line)
    {
        var (code, output, error) = await Department(org).RunProcessAsync(new Dictionary<string, string>(), "federation", "node-info", "--audit-origin", org + ".concordat/audit");
        Assert.True(code == 0, error);
        return output.Split('\n').Single(l => l.StartsWith(line + ": ", StringComparison.Ordinal))[(line.Length + 2)..].Trim();
    }

    private async Task JoinAsync(string org, int port)
    {
        Assert.Equal(0, await RunNodeAsync(org, "federation", "node-request", "--org", org, "--dns", "localhost", "--ip", "127.0.0.1", "--out", _ws.PathOf(org + ".csr")));
        Assert.Equal(0, await _ws.RunAsync("federation", "issue", "--dir", Federation, "--request", _ws.PathOf(org + ".csr"), "--org", org, "--out", _ws.PathOf(org + ".crt")));
        Assert.Equal(0, await _ws.RunAsync("federation", "member", "add", "--dir", Federation, "--org", org, "--name", org.ToUpperInvariant() + " department",
            "--url", $"https://127.0.0.1:{port}", "--certificate", _ws.PathOf(org + ".crt"), "--audit-key", await AuditKeyAsync(org)));
        Assert.Equal(0, await RunNodeAsync(org, "federation", "install-certificate", "--file", _ws.PathOf(org + ".crt")));
        Assert.True(File.Exists(Path.Combine(Department(org).Data, "federation", "node.crt")));
    }

    // What `node-info` prints for the department's audit key, run as the operator would see it: a separate process.
    private async Task<string> AuditKeyAsync(string org)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "concordat.dll"), "--data", Department(org).Data, "federation", "node-info", "--audit-origin", org + ".concordat/audit" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var reading = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await reading;
        Assert.True(process.ExitCode == 0, await errors);
        return output.Split('\n').Single(l => l.StartsWith("audit-key: ", StringComparison.Ordinal))["audit-key: ".Length..].Trim();
    }

    private CliWorkspace Department(string org)
    {
        if (!_departments.TryGetValue(org, out var workspace))
        {
            workspace = new CliWorkspace();
            _departments.Add(org, workspace);
        }

        return workspace;
    }

    private Task<int> RunNodeAsync(string org, params string[] args) => Department(org).RunAsync(args);
}

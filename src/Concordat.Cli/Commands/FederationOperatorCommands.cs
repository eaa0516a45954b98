using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Concordat.Core.Federation;
using Concordat.Storage.Federation;
using Concordat.Storage.Keys;

namespace Concordat.Cli.Commands;

/// <summary>
/// The federation operator's commands: <c>init</c> (certificate authority and configuration signing key), <c>issue</c>
/// (a node certificate from a node's request), <c>policy</c> (the witness policy) and <c>publish</c> (the signed
/// configuration). Members are managed by <see cref="FederationMemberCommands"/>.
/// </summary>
internal static class FederationOperatorCommands
{
    public static readonly Option<DirectoryInfo> DirectoryOption = new("--dir")
    {
        Description = "The federation directory: CA certificate, working state, sealed keys (default: ./federation).",
        DefaultValueFactory = _ => new DirectoryInfo("federation"),
    };

    public static Command Init()
    {
        var name = new Option<string>("--name") { Description = "The federation's name, also the name of its configuration signing key, e.g. gov.uk-data-federation.", Required = true };
        var keyDirectory = new Option<DirectoryInfo?>("--key-dir") { Description = "Keep the CA and signing keys as owner-only files here (an encrypted or removable volume) instead of sealed under the master key." };
        var validity = new Option<string>("--ca-validity") { Description = "How long the CA certificate lives (ISO 8601 duration).", DefaultValueFactory = _ => "P3650D" };
        var command = new Command("init", "Create a federation: its certificate authority, its configuration signing key and an empty membership.")
        {
            DirectoryOption, name, keyDirectory, validity,
        };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(DirectoryOption)!.FullName;
            var federation = parse.GetValue(name)!;
            if (!NoteVerifierKey.IsValidName(federation) || federation.Length > 128)
            {
                return CliOutput.Invalid("--name must be 1 to 128 characters with no space or '+'.");
            }

            if (File.Exists(Path.Combine(directory, FederationState.FileName)))
            {
                Console.Error.WriteLine($"error: {directory} already holds a federation.");
                return ExitCodes.Conflict;
            }

            var lifetime = FederationFiles.Duration(parse.GetValue(validity)!, "--ca-validity");
            var keys = parse.GetValue(keyDirectory)?.FullName;
            OwnerOnlyFiles.CreateDirectory(directory);
            using var authority = FederationCertificateAuthority.Create(federation, DateTimeOffset.UtcNow, lifetime);
            using var authorityKey = authority.GetECDsaPrivateKey()!;
            using var signer = NoteSigner.Generate(federation);
            var sealer = keys is null ? FederationFiles.Sealer(parse.GetValue(CliContext.DataOption)!.FullName) : null;
            FederationKeyFiles.WriteOperatorKeys(directory, keys, sealer, authorityKey, signer);
            FederationFiles.WritePublic(Path.Combine(directory, FederationFiles.AuthorityCertificate), authority.ExportCertificatePem() + "\n");
            FederationFiles.WritePublic(Path.Combine(directory, FederationFiles.TrustedKey), signer.VerifierKey.Encoded + "\n");
            new FederationState { Federation = federation, KeyDirectory = keys }.Save(directory);
            CliOutput.Done($"Federation {federation} created in {directory}.");
            Console.WriteLine($"Configuration signing key (give it to every node out of band; it is {Path.Combine(directory, FederationFiles.TrustedKey)}):");
            Console.WriteLine(signer.VerifierKey.Encoded);
            Console.WriteLine($"Keys: {(keys is null ? "sealed under the master key in " + directory : "owner-only files in " + keys)}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Issue()
    {
        var request = new Option<FileInfo>("--request") { Description = "The node's certificate request (PEM), made with `concordat federation node-request`.", Required = true };
        var organisation = new Option<string>("--org") { Description = "The member organisation the node acts for; the request must name it.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the node certificate (PEM).", Required = true };
        var validity = new Option<string>("--validity") { Description = "How long the certificate lives (ISO 8601 duration, at most P397D).", DefaultValueFactory = _ => "P365D" };
        var command = new Command("issue", "Issue a node certificate from a node's certificate request.") { DirectoryOption, request, organisation, output, validity };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(DirectoryOption)!.FullName;
            var state = FederationState.Load(directory);
            var lifetime = FederationFiles.Duration(parse.GetValue(validity)!, "--validity");
            if (lifetime > FederationCertificateAuthority.MaxNodeValidity)
            {
                return CliOutput.Invalid($"--validity is at most P{FederationCertificateAuthority.MaxNodeValidity.TotalDays}D.");
            }

            var parsed = NodeCertificateRequest.Parse(FederationFiles.ReadText(parse.GetValue(request)!.FullName));
            if (!parsed.IsSuccess)
            {
                return CliOutput.Fail(parsed.Errors);
            }

            var org = parse.GetValue(organisation)!;
            if (parsed.Value.OrganisationId != org)
            {
                return CliOutput.Invalid($"The request names the organisation '{parsed.Value.OrganisationId}', not '{org}'.");
            }

            using var authority = FederationFiles.LoadCertificate(Path.Combine(directory, FederationFiles.AuthorityCertificate));
            using var authorityKey = FederationKeyFiles.LoadAuthorityKey(directory, state.KeyDirectory, () => FederationFiles.Sealer(parse.GetValue(CliContext.DataOption)!.FullName));
            using var signing = authority.CopyWithPrivateKey(authorityKey);
            var node = parsed.Value;
            using var certificate = FederationCertificateAuthority.IssueNode(signing, node.PublicKey, org, node.DnsNames, node.Addresses, DateTimeOffset.UtcNow, lifetime);
            var path = parse.GetValue(output)!.FullName;
            FederationFiles.WritePublic(path, certificate.ExportCertificatePem() + "\n", overwrite: true);
            CliOutput.Done($"Issued {path} for {org} ({string.Join(", ", node.DnsNames.Concat(node.Addresses.Select(a => a.ToString())))}), valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}.");
            Console.WriteLine($"thumbprint: {CertificateThumbprint.Of(certificate)}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Policy()
    {
        var file = new Option<FileInfo>("--file") { Description = "A witness policy in the c2sp.org/tlog-policy format.", Required = true };
        var command = new Command("policy", "Set the witness policy the next configuration carries.") { DirectoryOption, file };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(DirectoryOption)!.FullName;
            var state = FederationState.Load(directory);
            var policy = WitnessPolicy.Parse(FederationFiles.ReadText(parse.GetValue(file)!.FullName));
            if (!policy.IsSuccess)
            {
                return CliOutput.Fail(policy.Errors);
            }

            (state with { WitnessPolicy = policy.Value.Text }).Save(directory);
            CliOutput.Done($"Witness policy set: {policy.Value.Witnesses.Count} witnesses, quorum {policy.Value.Quorum}. Publish to send it to the nodes.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Publish()
    {
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the signed configuration (default: configuration.note in the federation directory)." };
        var lifetime = new Option<string?>("--lifetime") { Description = "How long it is current (ISO 8601 duration; default: the federation's, P7D)." };
        var grace = new Option<string?>("--grace") { Description = "How long nodes keep federating on it after it expires when they cannot get a newer one (ISO 8601; default P3D)." };
        var command = new Command("publish", "Sign the next version of the configuration (members, revocations, witness policy) for nodes to fetch.") { DirectoryOption, output, lifetime, grace };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(DirectoryOption)!.FullName;
            var state = FederationState.Load(directory);
            if (parse.GetValue(lifetime) is { } newLifetime)
            {
                state = state with { Lifetime = System.Xml.XmlConvert.ToString(FederationFiles.Duration(newLifetime, "--lifetime")) };
            }

            if (parse.GetValue(grace) is { } newGrace)
            {
                state = state with { GracePeriod = System.Xml.XmlConvert.ToString(FederationFiles.Duration(newGrace, "--grace")) };
            }

            var configuration = Build(directory, state, DateTimeOffset.UtcNow);
            var valid = FederationConfigurationJson.Validate(configuration);
            if (!valid.IsSuccess)
            {
                return CliOutput.Fail(valid.Errors);
            }

            using var signer = FederationKeyFiles.LoadSigner(directory, state.KeyDirectory, () => FederationFiles.Sealer(parse.GetValue(CliContext.DataOption)!.FullName));
            if (signer.Name != state.Federation)
            {
                return CliOutput.Invalid($"The signing key is named '{signer.Name}', not '{state.Federation}'.");
            }

            var note = FederationConfigurationNote.Sign(configuration, signer);
            var path = parse.GetValue(output)?.FullName ?? Path.Combine(directory, "configuration.note");
            var temporary = path + ".tmp";
            FederationFiles.WritePublic(temporary, note, overwrite: true);
            File.Move(temporary, path, overwrite: true);
            (state with { Version = configuration.Version }).Save(directory);
            CliOutput.Done($"Published version {configuration.Version} of {state.Federation} to {path}: {configuration.Members.Count} members, {configuration.RevokedCertificates.Count} revoked certificates.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"expires {configuration.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}, grace until {configuration.GraceEndsAt:yyyy-MM-ddTHH:mm:ssZ}"));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Show()
    {
        var file = new Option<FileInfo>("--file") { Description = "A signed configuration (configuration.note).", Required = true };
        var trusted = new Option<string>("--trusted-key") { Description = "The configuration signing key's verifier key (name+keyid+key), or a file holding it.", Required = true };
        var command = new Command("show", "Verify a signed configuration against the pinned key and summarise it.") { file, trusted };
        command.SetAction(parse =>
        {
            var keyText = parse.GetValue(trusted)!;
            if (File.Exists(keyText))
            {
                keyText = File.ReadAllText(keyText).Trim();
            }

            var key = NoteVerifierKey.Parse(keyText);
            if (!key.IsSuccess)
            {
                return CliOutput.Fail(key.Errors);
            }

            var opened = FederationConfigurationNote.Open(File.ReadAllBytes(parse.GetValue(file)!.FullName), key.Value);
            if (!opened.IsSuccess)
            {
                Console.Error.WriteLine($"REFUSED ({opened.Errors[0].Code}): {opened.Errors[0].Message}");
                return ExitCodes.Failed;
            }

            var c = opened.Value;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OK: {c.Federation} version {c.Version}, issued {c.IssuedAt:yyyy-MM-ddTHH:mm:ssZ}, expires {c.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}, grace until {c.GraceEndsAt:yyyy-MM-ddTHH:mm:ssZ} ({c.StateAt(DateTimeOffset.UtcNow).ToString().ToLowerInvariant()} now)"));
            foreach (var member in c.Members)
            {
                Console.WriteLine($"member {member.OrganisationId} \"{member.Name}\" {member.NodeUrl} certificates {string.Join(",", member.Certificates)} log {member.AuditLog.Origin}");
            }

            foreach (var revoked in c.RevokedCertificates)
            {
                Console.WriteLine($"revoked {revoked}");
            }

            Console.WriteLine($"witness policy: {c.WitnessPolicy.Witnesses.Count} witnesses, quorum {c.WitnessPolicy.Quorum}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The configuration the state describes, as the next version, issued now.</summary>
    internal static FederationConfiguration Build(string directory, FederationState state, DateTimeOffset at)
    {
        using var authority = FederationFiles.LoadCertificate(Path.Combine(directory, FederationFiles.AuthorityCertificate));
        var issued = DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
        var members = new List<FederationMember>();
        foreach (var m in state.Members)
        {
            var key = NoteVerifierKey.Parse(m.AuditKey);
            if (!key.IsSuccess)
            {
                throw new CliInputException($"The audit key of '{m.OrganisationId}' in {FederationState.FileName}: {key.Errors[0].Message}");
            }

            if (!Uri.TryCreate(m.NodeUrl, UriKind.Absolute, out var url))
            {
                throw new CliInputException($"The node address of '{m.OrganisationId}' in {FederationState.FileName} is not a URL.");
            }

            members.Add(new FederationMember(m.OrganisationId, m.Name, url, m.Certificates, new FederationAuditLog(key.Value.Name, key.Value)));
        }

        var policy = WitnessPolicy.Parse(state.WitnessPolicy);
        if (!policy.IsSuccess)
        {
            throw new CliInputException(policy.Errors[0].Message);
        }

        var lifetime = FederationFiles.Duration(state.Lifetime, "lifetime");
        var grace = System.Xml.XmlConvert.ToTimeSpan(state.GracePeriod);
        return new FederationConfiguration(state.Federation, state.Version + 1, issued, issued + lifetime, grace,
            [authority.RawDataMemory.ToArray()], members, state.RevokedCertificates, policy.Value);
    }

    /// <summary>Whether a certificate was issued by the federation's CA (its signature verifies under the CA's key).</summary>
    internal static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}

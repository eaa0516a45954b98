using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Federation;
using Concordat.Storage.Audit;
using Concordat.Storage.Federation;
using Concordat.Storage.Keys;

namespace Concordat.Cli.Commands;

/// <summary>
/// A department's commands for its own node, on its data directory (<c>--data</c>): make the node's key and certificate
/// request, print what the operator needs (audit key, certificate thumbprint), and install the issued certificate.
/// </summary>
internal static class FederationNodeCommands
{
    public static Command Request()
    {
        var organisation = new Option<string>("--org") { Description = "Your organisation's id in the federation.", Required = true };
        var dns = new Option<string[]>("--dns") { Description = "A DNS name other nodes use to reach this node (repeat for more).", AllowMultipleArgumentsPerToken = true };
        var ip = new Option<string[]>("--ip") { Description = "An IP address other nodes use to reach this node (repeat for more).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the request (default: federation/node.csr in the data directory)." };
        var command = new Command("node-request", "Make this node's federation key (sealed under the master key) and a certificate request for the operator.") { organisation, dns, ip, output };
        command.SetAction(parse =>
        {
            var data = parse.GetValue(CliContext.DataOption)!.FullName;
            var org = parse.GetValue(organisation)!;
            if (!SchemaRules.IsValidSlug(org))
            {
                return CliOutput.Invalid("--org must be an organisation id: lower-case letters, digits and hyphens.");
            }

            var names = parse.GetValue(dns) ?? [];
            var addresses = new List<IPAddress>();
            foreach (var text in parse.GetValue(ip) ?? [])
            {
                if (!IPAddress.TryParse(text, out var address))
                {
                    return CliOutput.Invalid($"--ip '{text}' is not an IP address.");
                }

                addresses.Add(address);
            }

            if (names.Length + addresses.Count == 0)
            {
                return CliOutput.Invalid("Give at least one --dns name or --ip address other nodes will use to reach this node.");
            }

            if (names.FirstOrDefault(n => Uri.CheckHostName(n) != UriHostNameType.Dns) is { } bad)
            {
                return CliOutput.Invalid($"--dns '{bad}' is not a DNS name.");
            }

            var keys = Path.Combine(data, "keys");
            if (FederationKeyFiles.NodeKeyExists(keys))
            {
                Console.Error.WriteLine($"error: this node already has a federation key ({Path.Combine(keys, FederationKeyFiles.NodeKeyFileName)}); a new request for it would need that key removed first.");
                return ExitCodes.Conflict;
            }

            using var key = FederationKeyFiles.CreateNodeKey(keys, FederationFiles.Sealer(data));
            var path = parse.GetValue(output)?.FullName ?? Path.Combine(data, "federation", "node.csr");
            FederationFiles.WritePublic(path, NodeCertificateRequest.Create(key, org, names, addresses) + "\n", overwrite: true);
            CliOutput.Done($"Wrote the certificate request {path}; send it to the federation's operator. The key stays in {keys}.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Info()
    {
        var origin = new Option<string>("--audit-origin") { Description = "This node's audit log origin (the hub's Concordat:Audit:Origin), unique in the federation, e.g. hmrc.concordat/audit.", Required = true };
        var witnessName = new Option<string?>("--witness-name") { Description = "The name of this node's witness key (the hub's Concordat:Federation:WitnessName); default: the audit origin's first segment and /witness." };
        var command = new Command("node-info", "Print what the federation's operator lists for this node: its audit log key, witness key and certificate thumbprint.") { origin, witnessName };
        command.SetAction(parse =>
        {
            var data = parse.GetValue(CliContext.DataOption)!.FullName;
            var name = parse.GetValue(origin)!;
            if (!NoteVerifierKey.IsValidName(name) || !CheckpointBody.IsValidOrigin(name))
            {
                return CliOutput.Invalid("--audit-origin must be printable ASCII with no space or '+', e.g. hmrc.concordat/audit.");
            }

            if (parse.GetValue(witnessName) is { } chosen && !NoteVerifierKey.IsValidName(chosen))
            {
                return CliOutput.Invalid("--witness-name must be a key name: no space, control character or '+'.");
            }

            var keys = Path.Combine(data, "keys");
            var (signingKey, _) = AuditKeyFiles.LoadOrCreateSigningKey(keys, FederationFiles.Sealer(data));
            using (signingKey)
            {
                Console.WriteLine($"audit-key: {AuditLogVerifierKey.For(signingKey.PublicKey, name).Encoded}");
            }

            using (var witness = WitnessKeyFile.LoadOrCreate(keys, FederationFiles.Sealer(data), parse.GetValue(witnessName) ?? WitnessKeyFile.DefaultName(name)))
            {
                Console.WriteLine($"witness-key: {witness.VerifierKey.Encoded}");
            }

            var certificate = Path.Combine(data, "federation", "node.crt");
            if (File.Exists(certificate))
            {
                using var installed = FederationFiles.LoadCertificate(certificate);
                Console.WriteLine($"certificate: {CertificateThumbprint.Of(installed)} ({NodeIdentity.OrganisationOf(installed)}, valid until {installed.NotAfter.ToUniversalTime():yyyy-MM-dd})");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Install()
    {
        var file = new Option<FileInfo>("--file") { Description = "The node certificate (PEM) the operator issued.", Required = true };
        var command = new Command("install-certificate", "Install the node certificate the operator issued (it must certify this node's key).") { file };
        command.SetAction(parse =>
        {
            var data = parse.GetValue(CliContext.DataOption)!.FullName;
            using var certificate = FederationFiles.LoadCertificate(parse.GetValue(file)!.FullName);
            using var key = FederationKeyFiles.LoadNodeKey(Path.Combine(data, "keys"), FederationFiles.Sealer(data));
            using var certified = certificate.GetECDsaPublicKey();
            if (certified is null || !certified.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            {
                return CliOutput.Invalid("The certificate does not certify this node's key: it was issued for another request.");
            }

            var path = Path.Combine(data, "federation", "node.crt");
            OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(path)!);
            FederationFiles.WritePublic(path, certificate.ExportCertificatePem() + "\n", overwrite: true);
            CliOutput.Done($"Installed {path} for {NodeIdentity.OrganisationOf(certificate)} (thumbprint {CertificateThumbprint.Of(certificate)}).");
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using Concordat.Core.Catalogue;
using Concordat.Core.Federation;

namespace Concordat.Cli.Commands;

/// <summary>
/// <c>concordat federation member add|remove|add-certificate</c> and <c>concordat federation revoke</c>: the membership
/// the next published configuration lists. Nothing reaches the nodes until <c>publish</c>.
/// </summary>
internal static class FederationMemberCommands
{
    public static Command Member()
    {
        var organisation = new Option<string>("--org") { Description = "The member organisation's id.", Required = true };
        var name = new Option<string>("--name") { Description = "The organisation's name, e.g. \"HM Revenue and Customs\".", Required = true };
        var url = new Option<string>("--url") { Description = "The node's federation listener, e.g. https://hmrc-node.example.gov.uk:8443/.", Required = true };
        var certificate = new Option<FileInfo>("--certificate") { Description = "The node certificate (PEM) issued with `concordat federation issue`.", Required = true };
        var auditKey = new Option<string>("--audit-key") { Description = "The node's audit log key as printed by `concordat federation node-info` (origin+keyid+key).", Required = true };
        var add = new Command("add", "Add a member organisation and its node.") { FederationOperatorCommands.DirectoryOption, organisation, name, url, certificate, auditKey };
        add.SetAction(parse =>
        {
            var directory = parse.GetValue(FederationOperatorCommands.DirectoryOption)!.FullName;
            var state = FederationState.Load(directory);
            var org = parse.GetValue(organisation)!;
            if (!SchemaRules.IsValidSlug(org))
            {
                return CliOutput.Invalid("--org must be an organisation id: lower-case letters, digits and hyphens.");
            }

            if (state.Members.Any(m => m.OrganisationId == org))
            {
                Console.Error.WriteLine($"error: '{org}' is already a member; use `member add-certificate` or `member remove`.");
                return ExitCodes.Conflict;
            }

            var key = NoteVerifierKey.Parse(parse.GetValue(auditKey));
            if (!key.IsSuccess)
            {
                return CliOutput.Fail(key.Errors);
            }

            var address = NodeUrl(parse.GetValue(url)!);
            var thumbprint = CheckedThumbprint(directory, state, parse.GetValue(certificate)!.FullName, org);
            var member = new FederationStateMember { OrganisationId = org, Name = parse.GetValue(name)!, NodeUrl = address, Certificates = [thumbprint], AuditKey = key.Value.Encoded };
            var next = state with { Members = [.. state.Members, member] };
            var valid = FederationConfigurationJson.Validate(FederationOperatorCommands.Build(directory, next, DateTimeOffset.UtcNow));
            if (!valid.IsSuccess)
            {
                return CliOutput.Fail(valid.Errors);
            }

            next.Save(directory);
            CliOutput.Done($"Added {org} ({address}, certificate {thumbprint}). Publish to send it to the nodes.");
            return ExitCodes.Success;
        });

        var removeOrganisation = new Option<string>("--org") { Description = "The member to remove.", Required = true };
        var remove = new Command("remove", "Remove a member: at the nodes' next refresh its node is refused.") { FederationOperatorCommands.DirectoryOption, removeOrganisation };
        remove.SetAction(parse =>
        {
            var directory = parse.GetValue(FederationOperatorCommands.DirectoryOption)!.FullName;
            var state = FederationState.Load(directory);
            var org = parse.GetValue(removeOrganisation)!;
            if (state.Members.All(m => m.OrganisationId != org))
            {
                Console.Error.WriteLine($"error: '{org}' is not a member.");
                return ExitCodes.NotFound;
            }

            (state with { Members = state.Members.Where(m => m.OrganisationId != org).ToList() }).Save(directory);
            CliOutput.Done($"Removed {org}. Publish to send it to the nodes.");
            return ExitCodes.Success;
        });

        var certificateOrganisation = new Option<string>("--org") { Description = "The member.", Required = true };
        var newCertificate = new Option<FileInfo>("--certificate") { Description = "The node's new certificate (PEM).", Required = true };
        var addCertificate = new Command("add-certificate", "List another certificate for a member's node (while it replaces its certificate).")
        {
            FederationOperatorCommands.DirectoryOption, certificateOrganisation, newCertificate,
        };
        addCertificate.SetAction(parse =>
        {
            var directory = parse.GetValue(FederationOperatorCommands.DirectoryOption)!.FullName;
            var state = FederationState.Load(directory);
            var org = parse.GetValue(certificateOrganisation)!;
            if (state.Members.FirstOrDefault(m => m.OrganisationId == org) is not { } member)
            {
                Console.Error.WriteLine($"error: '{org}' is not a member.");
                return ExitCodes.NotFound;
            }

            var thumbprint = CheckedThumbprint(directory, state, parse.GetValue(newCertificate)!.FullName, org);
            if (member.Certificates.Contains(thumbprint) || state.RevokedCertificates.Contains(thumbprint))
            {
                Console.Error.WriteLine($"error: the certificate {thumbprint} is already listed or revoked.");
                return ExitCodes.Conflict;
            }

            var updated = member with { Certificates = [.. member.Certificates, thumbprint] };
            (state with { Members = state.Members.Select(m => m.OrganisationId == org ? updated : m).ToList() }).Save(directory);
            CliOutput.Done($"Listed certificate {thumbprint} for {org}. Publish to send it to the nodes.");
            return ExitCodes.Success;
        });
        return new Command("member", "Manage the members the configuration lists.") { add, remove, addCertificate };
    }

    public static Command Revoke()
    {
        var certificate = new Option<FileInfo?>("--certificate") { Description = "The node certificate (PEM) to revoke." };
        var thumbprintOption = new Option<string?>("--thumbprint") { Description = "Or its SHA-256 thumbprint (base64url), as `show` prints it." };
        var command = new Command("revoke", "Revoke a node certificate: at the nodes' next refresh, connections and tokens with it are refused.")
        {
            FederationOperatorCommands.DirectoryOption, certificate, thumbprintOption,
        };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(FederationOperatorCommands.DirectoryOption)!.FullName;
            var state = FederationState.Load(directory);
            string thumbprint;
            if (parse.GetValue(certificate) is { } file)
            {
                using var loaded = FederationFiles.LoadCertificate(file.FullName);
                thumbprint = CertificateThumbprint.Of(loaded);
            }
            else if (parse.GetValue(thumbprintOption) is { } given && FederationConfigurationJson.IsThumbprint(given))
            {
                thumbprint = given;
            }
            else
            {
                return CliOutput.Invalid("Give --certificate FILE or --thumbprint (43 characters of base64url).");
            }

            if (state.RevokedCertificates.Contains(thumbprint))
            {
                Console.Error.WriteLine($"error: {thumbprint} is already revoked.");
                return ExitCodes.Conflict;
            }

            var holder = state.Members.FirstOrDefault(m => m.Certificates.Contains(thumbprint));
            var members = state.Members
                .Select(m => m with { Certificates = m.Certificates.Where(t => t != thumbprint).ToList() })
                .Where(m => m.Certificates.Count > 0)
                .ToList();
            (state with { Members = members, RevokedCertificates = [.. state.RevokedCertificates, thumbprint] }).Save(directory);
            CliOutput.Done($"Revoked {thumbprint}{(holder is null ? string.Empty : $" of {holder.OrganisationId}")}. Publish to send it to the nodes.");
            if (holder is not null && holder.Certificates.Count == 1)
            {
                Console.WriteLine($"{holder.OrganisationId} has no other certificate, so it is no longer listed; add it again with a new certificate.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string NodeUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            throw new CliInputException("--url must be the node's https address, e.g. https://hmrc-node.example.gov.uk:8443/.");
        }

        var normal = url.AbsoluteUri;
        return normal.EndsWith('/') ? normal : normal + "/";
    }

    private static string CheckedThumbprint(string directory, FederationState state, string path, string organisation)
    {
        using var certificate = FederationFiles.LoadCertificate(path);
        using var authority = FederationFiles.LoadCertificate(Path.Combine(directory, FederationFiles.AuthorityCertificate));
        if (!FederationOperatorCommands.IssuedBy(certificate, authority))
        {
            throw new CliInputException($"{path} was not issued by this federation's certificate authority.");
        }

        if (NodeIdentity.OrganisationOf(certificate) != organisation)
        {
            throw new CliInputException($"{path} names the organisation '{NodeIdentity.OrganisationOf(certificate)}', not '{organisation}'.");
        }

        var thumbprint = CertificateThumbprint.Of(certificate);
        if (state.RevokedCertificates.Contains(thumbprint))
        {
            throw new CliInputException($"{path} is revoked.");
        }

        return thumbprint;
    }
}

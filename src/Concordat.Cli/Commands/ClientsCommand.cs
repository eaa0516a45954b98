using System.CommandLine;
using Concordat.Core.Catalogue;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat clients add|list|disable</c>: OAuth2 clients of an organisation.</summary>
internal static class ClientsCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("client-id") { Description = "Client id, e.g. dwp-claims-service." };
        var org = new Option<string>("--org") { Description = "Organisation the client acts for.", Required = true };
        var roles = new Option<string[]>("--role") { Description = "admin, steward, consumer or dpo; repeat for several.", Required = true, AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var add = new Command("add", "Register an API client and print its secret once.") { id, org, roles, name };
        add.SetAction(async (parse, ct) =>
        {
            var granted = ClientRole.None;
            foreach (var role in parse.GetValue(roles)!)
            {
                if (!Enum.TryParse<ClientRole>(role, ignoreCase: true, out var parsed) || parsed == ClientRole.None)
                {
                    return CliOutput.Invalid($"Unknown role '{role}'; use admin, steward, consumer or dpo.");
                }

                granted |= parsed;
            }

            var context = CliContext.Open(parse);
            var (secret, hash) = ClientSecretHash.Mint();
            var clientId = parse.GetValue(id)!;
            var created = await context.Clients.CreateClientAsync(
                new ApiClient(clientId, parse.GetValue(org)!, parse.GetValue(name) ?? clientId, granted, DateTimeOffset.UtcNow), hash, ct);
            if (!created.IsSuccess)
            {
                return CliOutput.Fail(created.Errors);
            }

            CliOutput.Done($"Client {clientId} registered. Its secret is shown once; store it in your secret manager:");
            Console.Out.WriteLine(secret);
            return ExitCodes.Success;
        });

        var orgFilter = new Option<string?>("--org") { Description = "Only this organisation's clients." };
        var list = new Command("list", "List API clients (never their secrets).") { orgFilter };
        list.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var table = new Table().AddColumns("Client", "Organisation", "Roles", "Disabled");
            foreach (var client in await context.Clients.ListClientsAsync(parse.GetValue(orgFilter), ct))
            {
                table.AddRow(Markup.Escape(client.ClientId), Markup.Escape(client.OrganisationId), client.Roles.ToString(), client.DisabledAt is null ? "" : "yes");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });

        var disableId = new Argument<string>("client-id") { Description = "The client to disable." };
        var disable = new Command("disable", "Disable a client: it gets no more tokens, and the hub refuses the tokens it holds from its next request.") { disableId };
        disable.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var clientId = parse.GetValue(disableId)!;
            var disabled = await context.Clients.DisableClientAsync(clientId, DateTimeOffset.UtcNow, ct);
            if (!disabled.IsSuccess)
            {
                return CliOutput.Fail(disabled.Errors);
            }

            CliOutput.Done($"Client {clientId} disabled.");
            return ExitCodes.Success;
        });

        return new Command("clients", "Manage API clients.") { add, list, disable };
    }
}

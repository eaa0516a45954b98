using System.CommandLine;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Governance;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary>Lifecycle steps under <c>concordat agreements</c>: submit, approve, suspend, resume, revoke, keys, re-identify.</summary>
internal static class AgreementStepCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Step("submit", "Submit a draft for approval.", "Submitted", (s, id, actor, reason, ct) => s.SubmitAsync(id, actor, reason, ct));
        yield return Approve();
        yield return Step("suspend", "Suspend an agreement (the provider's steward or DPO, with --reason).", "Suspended", (s, id, actor, reason, ct) => s.SuspendAsync(id, actor, reason, ct));
        yield return Step("resume", "Resume a suspended agreement (the provider, with --reason).", "Resumed", (s, id, actor, reason, ct) => s.ResumeAsync(id, actor, reason, ct));
        yield return Step("revoke", "Revoke an agreement for good (the provider, with --reason).", "Revoked", (s, id, actor, reason, ct) => s.RevokeAsync(id, actor, reason, ct));
        yield return Step("rotate-key", "Rotate the pseudonymisation key; the old key is kept for re-identification.", "Key rotated", (s, id, actor, reason, ct) => s.RotateKeyAsync(id, actor, reason, ct));
        yield return Keys();
        yield return Reidentify();
    }

    private static Command Step(string name, string description, string done, Func<AgreementService, string, AgreementActor, string?, CancellationToken, Task<Result<Agreement>>> step)
    {
        var id = AgreementCli.IdArgument();
        var asOption = AgreementCli.AsOption();
        var reason = AgreementCli.ReasonOption();
        var command = new Command(name, description) { id, asOption, reason };
        command.SetAction((parse, ct) => AgreementCli.RunAsync(parse, asOption,
            (context, actor) => step(context.Agreements, parse.GetValue(id)!, actor, parse.GetValue(reason), ct), done, ct));
        return command;
    }

    private static Command Approve()
    {
        var id = AgreementCli.IdArgument();
        var asOption = AgreementCli.AsOption();
        var reason = AgreementCli.ReasonOption();
        var role = new Option<string>("--role") { Description = "steward (data scope) or dpo (lawfulness).", Required = true };
        role.AcceptOnlyFromAmong("steward", "dpo");
        var command = new Command("approve", "Approve as the provider's steward or data protection officer.") { id, role, asOption, reason };
        command.SetAction((parse, ct) =>
        {
            var approval = parse.GetValue(role) == "dpo" ? ApprovalRole.Dpo : ApprovalRole.Steward;
            return AgreementCli.RunAsync(parse, asOption,
                (context, actor) => context.Agreements.ApproveAsync(parse.GetValue(id)!, approval, actor, parse.GetValue(reason), ct), "Approved", ct);
        });
        return command;
    }

    private static Command Keys()
    {
        var id = AgreementCli.IdArgument();
        var command = new Command("keys", "List an agreement's pseudonymisation keys (never the key material).") { id };
        command.SetAction(async (parse, ct) =>
        {
            var table = new Table().AddColumns("Key id", "Version", "Created (UTC)", "Retired (UTC)");
            foreach (var key in await CliContext.Open(parse).Agreements.KeysAsync(parse.GetValue(id)!, ct))
            {
                table.AddRow(key.KeyId, key.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    key.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    key.RetiredAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "current");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Reidentify()
    {
        var id = AgreementCli.IdArgument();
        var asOption = AgreementCli.AsOption();
        var reason = AgreementCli.ReasonOption();
        var keyId = new Option<string>("--key-id") { Description = "The key the token was made under (current or retired).", Required = true };
        var token = new Option<string>("--token") { Description = "The pseudonym to resolve.", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "The provider's dataset holding the identifiers.", Required = true };
        var field = new Option<string>("--field") { Description = "The pseudonymised field, e.g. nino.", Required = true };
        var command = new Command("reidentify", "Resolve a pseudonym to the provider's identifier (provider DPO only; logged in the history).")
        {
            id, asOption, reason, keyId, token, dataset, field,
        };
        command.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var actor = await AgreementCli.ActorAsync(context, parse.GetValue(asOption)!, ct);
            if (!actor.IsSuccess)
            {
                return CliOutput.Fail(actor.Errors);
            }

            var candidates = await CandidatesAsync(context, parse.GetValue(dataset)!, parse.GetValue(field)!, ct);
            var found = await context.Agreements.ReidentifyAsync(parse.GetValue(id)!, parse.GetValue(keyId)!, parse.GetValue(token)!, candidates, actor.Value, parse.GetValue(reason), ct);
            if (!found.IsSuccess)
            {
                return CliOutput.Fail(found.Errors);
            }

            if (found.Value.Count == 0)
            {
                Console.Error.WriteLine("No current record has this pseudonym under that key.");
                return ExitCodes.NotFound;
            }

            foreach (var value in found.Value)
            {
                Console.Out.WriteLine(value);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<List<string>> CandidatesAsync(CliContext context, string datasetId, string field, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await context.Records.ListRecordsAsync(datasetId, after, 1000, cancellationToken);
            foreach (var record in page.Where(r => !r.IsDeleted))
            {
                using var json = JsonDocument.Parse(record.PayloadJson);
                if (json.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    values.Add(value.GetString()!);
                }
            }

            if (page.Count < 1000)
            {
                return values;
            }

            after = page[^1].Key;
        }
    }
}

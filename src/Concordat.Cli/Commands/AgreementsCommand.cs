using System.CommandLine;
using Concordat.Core;
using Concordat.Core.Governance;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary>
/// <c>concordat agreements ...</c>: draft, amend, list, show, history, ODRL export and the lifecycle steps of data
/// sharing agreements, plus consent records. Steps act as a registered client named with <c>--as</c>.
/// </summary>
internal static class AgreementsCommand
{
    public static Command Create()
    {
        var command = new Command("agreements", "Data sharing agreements: draft, approve, suspend, revoke, export, consent.")
        {
            Draft(),
            Amend(),
            List(),
            Show(),
            History(),
            Odrl(),
            PurposeCodesCommand(),
            Check(),
        };
        foreach (var step in AgreementStepCommands.Create())
        {
            command.Subcommands.Add(step);
        }

        command.Subcommands.Add(ConsentCommand.Create());
        return command;
    }

    private static Command Draft()
    {
        var id = AgreementCli.IdArgument();
        var terms = new Option<FileInfo>("--terms") { Description = "JSON file of the terms (see docs/governance.md).", Required = true };
        var asOption = AgreementCli.AsOption();
        var reason = AgreementCli.ReasonOption();
        var command = new Command("draft", "Draft a new agreement from a terms file; every problem is listed.") { id, terms, asOption, reason };
        command.SetAction(async (parse, ct) =>
        {
            var draft = AgreementCli.ReadTerms(parse.GetValue(terms)!);
            if (!draft.IsSuccess)
            {
                return CliOutput.Fail(draft.Errors);
            }

            return await AgreementCli.RunAsync(parse, asOption,
                (context, actor) => context.Agreements.DraftAsync(parse.GetValue(id)!, draft.Value, actor, parse.GetValue(reason), ct), "Drafted", ct);
        });
        return command;
    }

    private static Command Amend()
    {
        var id = AgreementCli.IdArgument();
        var terms = new Option<FileInfo>("--terms") { Description = "JSON file of the new terms in full.", Required = true };
        var asOption = AgreementCli.AsOption();
        var reason = AgreementCli.ReasonOption();
        var command = new Command("amend", "Replace the terms with a new version; an approved or active agreement needs approval again.") { id, terms, asOption, reason };
        command.SetAction(async (parse, ct) =>
        {
            var draft = AgreementCli.ReadTerms(parse.GetValue(terms)!);
            if (!draft.IsSuccess)
            {
                return CliOutput.Fail(draft.Errors);
            }

            return await AgreementCli.RunAsync(parse, asOption,
                (context, actor) => context.Agreements.AmendAsync(parse.GetValue(id)!, draft.Value, actor, parse.GetValue(reason), ct), "Amended", ct);
        });
        return command;
    }

    private static Command List()
    {
        var org = new Option<string?>("--org") { Description = "Only agreements this organisation is a party to." };
        var command = new Command("list", "List agreements with their status computed from the clock.") { org };
        command.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var table = new Table().AddColumns("Id", "Version", "Status", "Provider", "Consumer", "Mode", "Purpose", "Start", "End");
            foreach (var a in await context.Agreements.ListAsync(parse.GetValue(org), ct))
            {
                var t = a.Terms;
                table.AddRow(Markup.Escape(a.Id), a.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Status.ToString().ToLowerInvariant(),
                    Markup.Escape(t.ProviderOrganisationId), Markup.Escape(t.ConsumerOrganisationId), t.DisclosureMode.ToString().ToLowerInvariant(),
                    Markup.Escape(t.PurposeCode), t.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    t.EndDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var id = AgreementCli.IdArgument();
        var command = new Command("show", "Print an agreement as JSON.") { id };
        command.SetAction(async (parse, ct) =>
        {
            var agreement = await CliContext.Open(parse).Agreements.GetAsync(parse.GetValue(id)!, ct);
            if (agreement is null)
            {
                return CliOutput.Fail(Error.NotFound("agreement.not_found", $"No agreement '{parse.GetValue(id)}'."));
            }

            AgreementCli.WriteJson(agreement);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command History()
    {
        var id = AgreementCli.IdArgument();
        var command = new Command("history", "Every change to an agreement: who, when, why.") { id };
        command.SetAction(async (parse, ct) =>
        {
            var history = await CliContext.Open(parse).Agreements.HistoryAsync(parse.GetValue(id)!, ct);
            if (history.Count == 0)
            {
                return CliOutput.Fail(Error.NotFound("agreement.not_found", $"No agreement '{parse.GetValue(id)}'."));
            }

            var table = new Table().AddColumns("Rev", "Version", "Action", "By", "Organisation", "At (UTC)", "Status after", "Reason");
            foreach (var h in history)
            {
                table.AddRow(h.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    h.Action.ToString() + (h.ApprovalRole is { } role ? $" ({role.ToString().ToLowerInvariant()})" : ""), Markup.Escape(h.ActorClientId),
                    Markup.Escape(h.ActorOrganisationId), h.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    h.StatusAfter.ToString().ToLowerInvariant(), Markup.Escape(h.Reason));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Odrl()
    {
        var id = AgreementCli.IdArgument();
        var baseUrl = new Option<Uri>("--base-url")
        {
            Description = "The hub's public address, used in identifiers.",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:5080"),
        };
        var command = new Command("odrl", "Export an agreement's policy as W3C ODRL JSON-LD.") { id, baseUrl };
        command.SetAction(async (parse, ct) =>
        {
            var agreement = await CliContext.Open(parse).Agreements.GetAsync(parse.GetValue(id)!, ct);
            if (agreement is null)
            {
                return CliOutput.Fail(Error.NotFound("agreement.not_found", $"No agreement '{parse.GetValue(id)}'."));
            }

            Console.Out.WriteLine(OdrlPolicy.Build(agreement, parse.GetValue(baseUrl)!).ToJsonString(ConcordatJson.Indented));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command PurposeCodesCommand()
    {
        var command = new Command("purpose-codes", "List the purpose codes an agreement may name.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("Code", "Covers");
            foreach (var (code, description) in PurposeCodes.All)
            {
                table.AddRow(code, Markup.Escape(description));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Check()
    {
        var id = AgreementCli.IdArgument();
        var asOption = AgreementCli.AsOption();
        var dataset = new Option<string>("--dataset") { Description = "The dataset asked for.", Required = true };
        var fields = new Option<string[]>("--field") { Description = "A field asked for; repeat; none for every agreed field.", AllowMultipleArgumentsPerToken = true };
        var purpose = new Option<string>("--purpose") { Description = "The purpose code of the request.", Required = true };
        var subject = new Option<string?>("--subject") { Description = "The person concerned (for a consent basis)." };
        var command = new Command("check", "Ask the policy engine what a client may receive now; exit 1 when denied.") { id, asOption, dataset, fields, purpose, subject };
        command.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var actor = await AgreementCli.ActorAsync(context, parse.GetValue(asOption)!, ct);
            if (!actor.IsSuccess)
            {
                return CliOutput.Fail(actor.Errors);
            }

            var decision = await context.Agreements.DecideAsync(actor.Value.ClientId, actor.Value.OrganisationId, parse.GetValue(id)!, parse.GetValue(dataset)!,
                parse.GetValue(fields) ?? [], parse.GetValue(purpose)!, parse.GetValue(subject), ct);
            if (!decision.IsPermitted)
            {
                Console.Error.WriteLine($"denied: {decision.ReasonCode}: {decision.Message}");
                return ExitCodes.Failed;
            }

            AgreementCli.WriteJson(decision.Obligations);
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using Concordat.Core;
using Concordat.Core.Governance;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat agreements consent give|withdraw|list</c>: consent records where the lawful basis is consent.</summary>
internal static class ConsentCommand
{
    public static Command Create()
    {
        return new Command("consent", "Consent records of a consent-based agreement.")
        {
            Record("give", "Record that a person gave consent.", (s, id, subject, actor, ct) => s.GiveAsync(id, subject, actor, ct)),
            Record("withdraw", "Record that a person withdrew consent; the next request is refused.", (s, id, subject, actor, ct) => s.WithdrawAsync(id, subject, actor, ct)),
            List(),
        };
    }

    private static Command Record(string name, string description, Func<ConsentService, string, string, AgreementActor, CancellationToken, Task<Result<ConsentRecord>>> step)
    {
        var id = AgreementCli.IdArgument();
        var subject = new Option<string>("--subject") { Description = "The person, as the provider identifies them (e.g. a NINO).", Required = true };
        var asOption = AgreementCli.AsOption();
        var command = new Command(name, description) { id, subject, asOption };
        command.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var actor = await AgreementCli.ActorAsync(context, parse.GetValue(asOption)!, ct);
            if (!actor.IsSuccess)
            {
                return CliOutput.Fail(actor.Errors);
            }

            var result = await step(context.Consents, parse.GetValue(id)!, parse.GetValue(subject)!, actor.Value, ct);
            if (!result.IsSuccess)
            {
                return CliOutput.Fail(result.Errors);
            }

            CliOutput.Done(result.Value.WithdrawnAt is null ? "Consent recorded." : "Withdrawal recorded.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var id = AgreementCli.IdArgument();
        var subject = new Option<string?>("--subject") { Description = "Only this person's records." };
        var command = new Command("list", "List consent records.") { id, subject };
        command.SetAction(async (parse, ct) =>
        {
            var table = new Table().AddColumns("Subject", "Given (UTC)", "Withdrawn (UTC)", "Recorded by");
            foreach (var r in await CliContext.Open(parse).Consents.ListAsync(parse.GetValue(id)!, parse.GetValue(subject), ct))
            {
                table.AddRow(Markup.Escape(r.SubjectId), r.GivenAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    r.WithdrawnAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "", Markup.Escape(r.RecordedBy));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}

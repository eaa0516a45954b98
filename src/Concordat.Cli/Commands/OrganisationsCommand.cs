using System.CommandLine;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat organisations add|list</c>.</summary>
internal static class OrganisationsCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Slug id, e.g. hmrc." };
        var name = new Option<string>("--name") { Description = "Display name, e.g. \"HM Revenue and Customs\".", Required = true };
        var email = new Option<string?>("--contact-email") { Description = "Contact for data sharing questions." };
        var add = new Command("add", "Register an organisation.") { id, name, email };
        add.SetAction(async (parse, ct) =>
        {
            var orgId = parse.GetValue(id)!;
            if (!SchemaRules.IsValidSlug(orgId))
            {
                return CliOutput.Invalid($"'{orgId}' is not a valid id: use 2-64 lower-case letters, digits and hyphens, starting with a letter.");
            }

            var context = CliContext.Open(parse);
            var created = await context.Catalogue.CreateOrganisationAsync(
                new Organisation(orgId, parse.GetValue(name)!, DateTimeOffset.UtcNow) { ContactEmail = parse.GetValue(email) }, ct);
            if (!created.IsSuccess)
            {
                return CliOutput.Fail(created.Errors);
            }

            CliOutput.Done($"Organisation {orgId} registered.");
            return ExitCodes.Success;
        });

        var list = new Command("list", "List organisations.");
        list.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var table = new Table().AddColumns("Id", "Name", "Contact");
            foreach (var org in await context.Catalogue.ListOrganisationsAsync(ct))
            {
                table.AddRow(Markup.Escape(org.Id), Markup.Escape(org.Name), Markup.Escape(org.ContactEmail ?? ""));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });

        return new Command("organisations", "Manage organisations (departments and public bodies).") { add, list };
    }
}

using System.CommandLine;
using System.Globalization;
using Concordat.Core;
using Concordat.Core.Quality;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat quality rules set|show</c> and <c>concordat quality history</c>.</summary>
internal static class QualityCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "Dataset id." };
        var file = new Argument<FileInfo>("file") { Description = "Rule file (JSON), see docs/quality.md." };
        var set = new Command("set", "Check a rule file against the dataset's schema and make it the dataset's rules.") { dataset, file };
        set.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return CliOutput.Invalid($"No rule file at {path.FullName}.");
            }

            var context = CliContext.Open(parse);
            var result = await context.Quality.PutRulesAsync(parse.GetValue(dataset)!, await File.ReadAllTextAsync(path.FullName, ct), ct);
            if (!result.IsSuccess)
            {
                return CliOutput.Fail(result.Errors);
            }

            CliOutput.Done($"{result.Value.Rules.Count} rules set for {result.Value.DatasetId}; they run with every profile.");
            return ExitCodes.Success;
        });

        var show = new Command("show", "Print the dataset's rule file.") { dataset };
        show.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var result = await context.Quality.GetRulesAsync(parse.GetValue(dataset)!, ct);
            if (!result.IsSuccess)
            {
                return CliOutput.Fail(result.Errors);
            }

            Console.Out.WriteLine(result.Value.SourceJson);
            return ExitCodes.Success;
        });

        var limit = new Option<int>("--limit") { Description = "How many profiles, newest first.", DefaultValueFactory = _ => 20 };
        var history = new Command("history", "List a dataset's stored profiles, newest first, to see the trend.") { dataset, limit };
        history.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var result = await context.Quality.ListProfilesAsync(parse.GetValue(dataset)!, parse.GetValue(limit), ct);
            if (!result.IsSuccess)
            {
                return CliOutput.Fail(result.Errors);
            }

            var table = new Table().AddColumns("Profile", "Run", "Taken (UTC)", "Records", "Completeness", "Score", "Rules failed");
            foreach (var profile in result.Value)
            {
                table.AddRow(
                    profile.Id.ToString(CultureInfo.InvariantCulture),
                    profile.RunId?.ToString(CultureInfo.InvariantCulture) ?? "on demand",
                    profile.ProfiledAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    profile.Rows.ToString("N0", CultureInfo.InvariantCulture),
                    profile.Completeness is { } c ? (c * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a",
                    profile.Score?.ToString("0.#", CultureInfo.InvariantCulture) ?? "n/a",
                    profile.Rules.Count(r => r.Status != RuleStatus.Passed).ToString(CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });

        var packageDataset = new Argument<string>("dataset") { Description = "Dataset id." };
        var datapackage = new Command("datapackage", "Print the dataset's Frictionless Data Package descriptor: its Table Schema with the latest quality figures.") { packageDataset };
        datapackage.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var id = parse.GetValue(packageDataset)!;
            var found = await context.Catalogue.GetDatasetAsync(id, ct);
            if (found is null)
            {
                return CliOutput.Fail(Error.NotFound("dataset.not_found", $"No dataset '{id}'."));
            }

            var latest = await context.QualityStore.ListProfilesAsync(id, 1, ct);
            Console.Out.WriteLine(QualityMetadata.DataPackage(found, latest.Count == 0 ? null : latest[0]).ToJsonString(ConcordatJson.Indented));
            return ExitCodes.Success;
        });

        return new Command("quality", "Quality rules, profile history and metadata.")
        {
            new Command("rules", "A dataset's quality rules.") { set, show },
            history,
            datapackage,
        };
    }
}

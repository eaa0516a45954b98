using System.CommandLine;
using System.Globalization;
using Concordat.Core;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat runs DATASET</c> and <c>concordat runs show RUN</c>.</summary>
internal static class RunsCommand
{
    private const int MaxRuns = 1000;

    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "Dataset id." };
        var limit = new Option<int>("--limit") { Description = "How many runs, newest first (1 to 1,000).", DefaultValueFactory = _ => 20 };
        var list = new Command("list", "List a dataset's ingest runs, newest first.") { dataset, limit };
        list.SetAction(async (parse, ct) =>
        {
            // The store keeps at most 1,000 runs per listing; a larger --limit is refused rather than quietly cut.
            if (parse.GetValue(limit) is < 1 or > MaxRuns)
            {
                return CliOutput.Invalid("--limit is 1 to 1,000 runs.");
            }

            var context = CliContext.Open(parse);
            var table = new Table().AddColumns("Run", "Source", "Status", "Started (UTC)", "Read", "Loaded", "Quarantined", "Versions", "Tombstones", "Error");
            foreach (var run in await context.Ingest.ListRunsAsync(parse.GetValue(dataset)!, parse.GetValue(limit), ct))
            {
                table.AddRow(
                    N(run.Id), Markup.Escape(run.SourceName), run.Status.ToString(), run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    N(run.Counts.RowsRead), N(run.Counts.RowsLoaded), N(run.Counts.RowsQuarantined), N(run.Counts.VersionsCreated), N(run.Counts.Tombstones),
                    Markup.Escape(run.Error ?? ""));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });

        var runId = new Argument<long>("run") { Description = "Run number." };
        var show = new Command("show", "Show one run's summary.") { runId };
        show.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var run = await context.Ingest.GetRunAsync(parse.GetValue(runId), ct);
            if (run is null)
            {
                return CliOutput.Fail(Error.NotFound("run.not_found", $"No run {parse.GetValue(runId)}."));
            }

            RunTable.Write(run);
            if (run.Error is not null)
            {
                Console.Error.WriteLine($"error: {run.Error}");
            }

            return ExitCodes.Success;
        });

        return new Command("runs", "Inspect ingest runs.") { list, show };
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

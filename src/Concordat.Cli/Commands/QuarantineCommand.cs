using System.CommandLine;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Ingestion;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat quarantine RUN [--format csv|json] [--out FILE]</c>: exports a run's quarantined rows.</summary>
internal static class QuarantineCommand
{
    private const int Page = 5000;

    public static Command Create()
    {
        var runId = new Argument<long>("run") { Description = "Run number." };
        var format = new Option<string>("--format") { Description = "csv or json (JSON lines).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("quarantine", "Export the rows a run quarantined, with every reason.") { runId, format, output };
        command.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var id = parse.GetValue(runId);
            if (await context.Ingest.GetRunAsync(id, ct) is null)
            {
                return CliOutput.Fail(Error.NotFound("run.not_found", $"No run {id}."));
            }

            var file = parse.GetValue(output);
            await using var writer = file is null ? Console.Out : new StreamWriter(file.FullName);
            IAsyncEnumerable<QuarantinedRow> Rows() => QuarantineCsv.ReadAsync(context.Ingest, id, 0, int.MaxValue, Page, ct);
            if (parse.GetValue(format) == "csv")
            {
                await QuarantineCsv.WriteAsync(writer, Rows, ct);
            }
            else
            {
                await foreach (var row in Rows())
                {
                    await writer.WriteLineAsync(JsonSerializer.Serialize(new { row.RowNumber, row.Values, row.Reasons }, ConcordatJson.Options));
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using Concordat.Core;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat records DATASET [KEY] [--history]</c>.</summary>
internal static class RecordsCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "Dataset id." };
        var key = new Argument<string?>("key") { Description = "Record key; omit to list records.", Arity = ArgumentArity.ZeroOrOne };
        var history = new Option<bool>("--history") { Description = "Show every version of the record, oldest first." };
        var limit = new Option<int>("--limit") { Description = "How many records to list.", DefaultValueFactory = _ => 20 };
        var command = new Command("records", "Show current records, one record, or a record's history.") { dataset, key, history, limit };
        command.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Open(parse);
            var datasetId = parse.GetValue(dataset)!;
            if (await context.Catalogue.GetDatasetAsync(datasetId, ct) is null)
            {
                return CliOutput.Fail(Error.NotFound("dataset.not_found", $"No dataset '{datasetId}'."));
            }

            var recordKey = parse.GetValue(key);
            var versions = recordKey is null
                ? await context.Ingest.ListRecordsAsync(datasetId, null, parse.GetValue(limit), ct)
                : parse.GetValue(history)
                    ? await context.Ingest.GetHistoryAsync(datasetId, recordKey, ct)
                    : (await context.Ingest.GetRecordAsync(datasetId, recordKey, ct)) is { } one ? [one] : [];
            if (recordKey is not null && versions.Count == 0)
            {
                return CliOutput.Fail(Error.NotFound("record.not_found", $"Dataset '{datasetId}' has no record '{recordKey}'."));
            }

            var table = new Table().AddColumns("Key", "Version", "Run", "Recorded (UTC)", "Deleted", "Fields");
            foreach (var v in versions)
            {
                table.AddRow(
                    Markup.Escape(v.Key), v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), v.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    v.RecordedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), v.IsDeleted ? "yes" : "", Markup.Escape(v.PayloadJson));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}

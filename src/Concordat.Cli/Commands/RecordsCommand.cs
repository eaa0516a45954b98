using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Ingestion;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary>
/// <c>concordat records DATASET [KEY] [--history] [--limit N | --all] [--after KEY] [--format table|json]</c>: current
/// records in key order, one record, or a record's history. Lists are read from the store page by page, so any
/// number of records can be listed with flat memory; when more records follow the last one shown, the command says
/// so and how to continue.
/// </summary>
internal static class RecordsCommand
{
    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "Dataset id." };
        var key = new Argument<string?>("key") { Description = "Record key; omit to list records.", Arity = ArgumentArity.ZeroOrOne };
        var history = new Option<bool>("--history") { Description = "Show every version of the record, oldest first." };
        var limit = new Option<int>("--limit") { Description = "How many records to list (any number; see --all).", DefaultValueFactory = _ => 20 };
        var all = new Option<bool>("--all") { Description = "List every current record." };
        var after = new Option<string?>("--after") { Description = "List records whose key sorts after this one (the key the previous listing ended at)." };
        var format = new Option<string>("--format") { Description = "table, or json: one JSON object per line (NDJSON).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("records", "Show current records, one record, or a record's history.") { dataset, key, history, limit, all, after, format };
        command.SetAction(async (parse, ct) =>
        {
            var datasetId = parse.GetValue(dataset)!;
            var recordKey = parse.GetValue(key);
            var json = parse.GetValue(format) == "json";
            if (recordKey is not null && (parse.GetValue(all) || parse.GetValue(after) is not null))
            {
                return CliOutput.Invalid("--all and --after list records; give them without a record key.");
            }

            if (recordKey is null && !parse.GetValue(all) && parse.GetValue(limit) < 1)
            {
                return CliOutput.Invalid("--limit must be 1 or more (or list every record with --all).");
            }

            var context = CliContext.Open(parse);
            if (await context.Catalogue.GetDatasetAsync(datasetId, ct) is null)
            {
                return CliOutput.Fail(Error.NotFound("dataset.not_found", $"No dataset '{datasetId}'."));
            }

            if (recordKey is null)
            {
                await ListAsync(context.Records, datasetId, parse.GetValue(after), parse.GetValue(all) ? null : parse.GetValue(limit), json, ct);
                return ExitCodes.Success;
            }

            var versions = parse.GetValue(history)
                ? await context.Records.GetHistoryAsync(datasetId, recordKey, ct)
                : (await context.Records.GetRecordAsync(datasetId, recordKey, ct)) is { } one ? [one] : [];
            if (versions.Count == 0)
            {
                return CliOutput.Fail(Error.NotFound("record.not_found", $"Dataset '{datasetId}' has no record '{recordKey}'."));
            }

            Write(versions, json);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes up to <paramref name="limit"/> records (every one when null) after <paramref name="after"/>, a page at a time.</summary>
    private static async Task ListAsync(IRecordStore store, string datasetId, string? after, int? limit, bool json, CancellationToken cancellationToken)
    {
        var (shown, cursor, more) = await CliPaging.PageAsync(
            (cursor, want) => store.ListRecordsAsync(datasetId, cursor, want, cancellationToken),
            after,
            record => record.Key,
            limit,
            page => Write(page, json));
        if (more)
        {
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{CliPaging.Count(shown, "record")} shown; more follow. Continue with --after '{cursor!.Replace("'", "'\\''", StringComparison.Ordinal)}', or list every record with --all."));
        }
    }

    private static void Write(IReadOnlyList<RecordVersion> versions, bool json)
    {
        if (json)
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            foreach (var version in versions)
            {
                buffer.ResetWrittenCount();
                using var writer = new Utf8JsonWriter(buffer, LineOptions);
                writer.WriteStartObject();
                writer.WriteString("key", version.Key);
                writer.WriteNumber("version", version.Version);
                writer.WriteNumber("runId", version.RunId);
                writer.WriteBoolean("deleted", version.IsDeleted);
                writer.WriteString("recordedAt", version.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                writer.WritePropertyName("fields");
                writer.WriteRawValue(version.PayloadJson, skipInputValidation: true);
                writer.WriteEndObject();
                writer.Flush();
                Console.Out.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
            }

            return;
        }

        var table = new Table().AddColumns("Key", "Version", "Run", "Recorded (UTC)", "Deleted", "Fields");
        foreach (var v in versions)
        {
            table.AddRow(
                Markup.Escape(v.Key), v.Version.ToString(CultureInfo.InvariantCulture), v.RunId.ToString(CultureInfo.InvariantCulture),
                v.RecordedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), v.IsDeleted ? "yes" : "", Markup.Escape(v.PayloadJson));
        }

        AnsiConsole.Write(table);
    }
}

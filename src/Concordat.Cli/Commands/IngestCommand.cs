using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Concordat.Core;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Microsoft.Data.Sqlite;
using Npgsql;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat ingest DATASET [FILE] --mapping M</c>: loads a legacy source into a dataset.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "The dataset to load, e.g. hmrc-taxpayers." };
        var file = new Argument<FileInfo?>("file") { Description = "The source file (omit for SQL sources).", Arity = ArgumentArity.ZeroOrOne };
        var mapping = new Option<FileInfo?>("--mapping", "-m") { Description = "Mapping file (JSON). Without it, the registered source named by --source is used." };
        var source = new Option<string?>("--source", "-s") { Description = "Name of the source, recorded on the run (default: the mapping file's name, or adhoc)." };
        var allowEmpty = new Option<bool>("--allow-empty-full-refresh") { Description = "Let a full refresh with no valid rows tombstone every record." };
        var command = new Command("ingest", "Load a CSV, JSON lines, XML, fixed-width or SQL source into a dataset, quarantining bad rows.")
        {
            dataset, file, mapping, source, allowEmpty,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(dataset)!, parse.GetValue(file), parse.GetValue(mapping), parse.GetValue(source), parse.GetValue(allowEmpty), parse, ct));
        return command;
    }

    private static async Task<int> RunAsync(string datasetId, FileInfo? file, FileInfo? mappingFile, string? sourceName, bool allowEmpty, ParseResult parse, CancellationToken cancellationToken)
    {
        var context = CliContext.Open(parse);
        IngestMapping mapping;
        if (mappingFile is not null)
        {
            var loaded = MappingFiles.Load(mappingFile);
            if (!loaded.IsSuccess)
            {
                return CliOutput.Fail(loaded.Errors);
            }

            mapping = loaded.Value;
            sourceName ??= Path.GetFileNameWithoutExtension(mappingFile.Name).Replace(".mapping", string.Empty, StringComparison.Ordinal);
        }
        else if (sourceName is not null)
        {
            var registered = await context.Catalogue.GetSourceAsync(datasetId, sourceName, cancellationToken);
            if (registered is null)
            {
                return CliOutput.Fail(Error.NotFound("source.not_found", $"Dataset '{datasetId}' has no registered source '{sourceName}'; pass --mapping."));
            }

            mapping = registered.Mapping;
        }
        else
        {
            return CliOutput.Invalid("Give a mapping file with --mapping, or a registered source with --source.");
        }

        var request = new IngestRequest(datasetId, sourceName ?? "adhoc", mapping, "cli") { AllowEmptyFullRefresh = allowEmpty };
        long? totalBytes = null;
        if (mapping.Source.Format == SourceFormat.Sql)
        {
            var opened = OpenSql(mapping.Source);
            if (!opened.IsSuccess)
            {
                return CliOutput.Fail(opened.Errors);
            }

            request = request with { OpenSource = opened.Value };
        }
        else
        {
            if (file is null || !file.Exists)
            {
                return CliOutput.Invalid(file is null ? "Give the source file to ingest." : $"Source file '{file.FullName}' does not exist.");
            }

            totalBytes = file.Length;
            request = request with { Content = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan) };
        }

        Result<IngestRun> result = default;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"Ingesting {Markup.Escape(datasetId)}", maxValue: totalBytes ?? 1);
                task.IsIndeterminate = totalBytes is null;
                var progress = new Progress<IngestProgress>(p =>
                {
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"Ingesting {Markup.Escape(datasetId)}: {p.RowsRead:N0} rows, {p.RowsPerSecond:N0} rows/s, {p.RowsQuarantined:N0} quarantined");
                    if (totalBytes is not null)
                    {
                        task.Value = Math.Min(p.BytesRead, totalBytes.Value);
                    }
                });
                result = await context.IngestService.IngestAsync(request with { Progress = progress, DeferObservers = true }, cancellationToken);
                task.Value = task.MaxValue;
                task.StopTask();
            });

        clock.Stop();
        if (!result.IsSuccess)
        {
            return CliOutput.Fail(result.Errors);
        }

        var run = result.Value;
        RunTable.Write(run, clock.Elapsed);
        if (run.Status == IngestRunStatus.Failed)
        {
            Console.Error.WriteLine($"error: run {run.Id} failed and changed nothing: {run.Error}");
            return ExitCodes.Failed;
        }

        if (run.Counts.RowsQuarantined > 0)
        {
            AnsiConsole.MarkupLine($"[yellow]{run.Counts.RowsQuarantined:N0} rows quarantined.[/] See them with: concordat quarantine {run.Id}");
        }

        // The load is reported (and timed) on its own; profiling the dataset follows as a separate step.
        var profiling = System.Diagnostics.Stopwatch.StartNew();
        await AnsiConsole.Status().StartAsync("Profiling the dataset", _ => context.IngestService.ObserveAsync(run, cancellationToken));
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Profiled in {profiling.Elapsed.TotalSeconds:F1} s. See it with: concordat profile {Markup.Escape(datasetId)}"));

        return ExitCodes.Success;
    }

    private static Result<Func<IReadOnlyList<string>, IRecordSource>> OpenSql(SourceOptions options)
    {
        if (options.ConnectionStringEnv is null || Environment.GetEnvironmentVariable(options.ConnectionStringEnv) is not { Length: > 0 } connectionString)
        {
            return Error.Validation("mapping.no_connection", $"A SQL source reads its connection string from the environment variable named by connectionStringEnv ({options.ConnectionStringEnv ?? "not set"}), which is empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Query))
        {
            return Error.Validation("mapping.no_query", "A SQL source needs a query: a table name or a SELECT statement.");
        }

        Func<DbConnection>? connect = options.Provider?.ToUpperInvariant() switch
        {
            "SQLITE" => () => new SqliteConnection(connectionString),
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => () => new NpgsqlConnection(connectionString),
            _ => null,
        };
        if (connect is null)
        {
            return Error.Validation("mapping.unknown_provider", $"Unknown SQL provider '{options.Provider}'; use sqlite or postgres.");
        }

        return Result<Func<IReadOnlyList<string>, IRecordSource>>.Success(_ =>
        {
            var connection = connect();
            connection.Open();
            var command = connection.CreateCommand();
            var query = options.Query.Trim();
            command.CommandText = query.StartsWith("select ", StringComparison.OrdinalIgnoreCase) || query.StartsWith("with ", StringComparison.OrdinalIgnoreCase)
                ? query
                : $"SELECT * FROM \"{query.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            return new OwningDataReaderSource(connection, command, command.ExecuteReader());
        });
    }
}

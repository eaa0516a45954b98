using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Linkage;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary>
/// <c>concordat persons match</c>: the persons one record may belong to, from an index of every linked record built
/// from the store (the same index the hub keeps in memory for <c>POST /api/v1/persons/match</c>).
/// </summary>
internal static class PersonsMatchCommand
{
    public static Command Create()
    {
        var settingsOption = new Option<FileInfo>("--settings", "-s") { Description = "Linkage settings (JSON) the persons were resolved with.", Required = true };
        var modelOption = new Option<FileInfo>("--model", "-m") { Description = "The trained model the persons were resolved with.", Required = true };
        var fields = new Option<string[]>("--field", "-f") { Description = "A value of the record, as column=value; repeat for each column (any subset of the settings' columns).", Required = true, Arity = ArgumentArity.OneOrMore };
        var limit = new Option<int>("--limit") { Description = "Most candidate persons to show (1 to 100).", DefaultValueFactory = _ => 10 };
        var minProbability = new Option<double>("--min-probability") { Description = "Least match probability a candidate needs.", DefaultValueFactory = _ => 0.5 };
        var maxBlock = new Option<int>("--max-block-records") { Description = "Leave out a blocking rule whose block holds more records than this (1 to 1,000,000); each rule left out is named on stderr.", DefaultValueFactory = _ => PersonMatchIndex.DefaultMaxBlockRecords };
        var json = new Option<bool>("--json") { Description = "Print the candidates with their waterfalls as JSON." };
        var command = new Command("match", "Match one record against the resolved persons: candidates with match probability and explanation.")
        {
            settingsOption, modelOption, fields, limit, minProbability, maxBlock, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var record = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var field in parse.GetValue(fields)!)
            {
                var equals = field.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    return CliOutput.Invalid($"--field '{field}' is not column=value.");
                }

                record[field[..equals]] = field[(equals + 1)..];
            }

            var settings = LinkFiles.ReadSettings(parse.GetValue(settingsOption)!);
            if (!settings.IsSuccess)
            {
                return CliOutput.Fail(settings.Errors);
            }

            var model = LinkFiles.ReadModel(parse.GetValue(modelOption)!);
            if (!model.IsSuccess)
            {
                return CliOutput.Fail(model.Errors);
            }

            var context = CliContext.Open(parse);
            var stopwatch = Stopwatch.StartNew();
            var loaded = await PersonMatchIndexLoader.LoadAsync(settings.Value, model.Value, context.Persons, context.Records, ct);
            if (!loaded.IsSuccess)
            {
                return CliOutput.Fail(loaded.Errors);
            }

            using var index = loaded.Value;
            var built = stopwatch.Elapsed;
            stopwatch.Restart();
            var result = index.Find(record, parse.GetValue(limit), parse.GetValue(minProbability), parse.GetValue(maxBlock), null);
            if (!result.IsSuccess)
            {
                return CliOutput.Fail(result.Errors);
            }

            foreach (var skipped in result.Value.SkippedBlocks)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: blocking rule '{skipped.Rule}' was left out: the record's block holds {skipped.Records:N0} records, more than --max-block-records {parse.GetValue(maxBlock):N0}."));
            }

            var found = Result<IReadOnlyList<PersonCandidate>>.Success(result.Value.Candidates);

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(found.Value, ConcordatJson.Indented));
                return ExitCodes.Success;
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Indexed {index.RecordCount:N0} records of {index.PersonCount:N0} persons in {built.TotalSeconds:N1} s; matched in {stopwatch.Elapsed.TotalMilliseconds:N1} ms."));
            var table = new Table().AddColumns("Person", "Probability", "Best record", "Waterfall (bits)");
            foreach (var candidate in found.Value)
            {
                var steps = string.Join(", ", candidate.Explanation.Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Comparison} {s.Level} {s.Weight + s.TfAdjustment:+0.0;-0.0;0}")));
                table.AddRow(
                    Markup.Escape(candidate.PersonId),
                    candidate.Probability.ToString("0.000000", CultureInfo.InvariantCulture),
                    Markup.Escape(candidate.Record.ToString()),
                    Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"prior {candidate.Explanation.PriorWeight:0.0}, {steps}")));
            }

            AnsiConsole.Write(table);
            if (found.Value.Count == 0)
            {
                Console.Error.WriteLine("No person reaches --min-probability.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

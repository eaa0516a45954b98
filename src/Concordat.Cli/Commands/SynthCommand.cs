using System.CommandLine;
using System.Globalization;
using Concordat.Core.Synthesis;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary><c>concordat synth</c>: synthetic departments in their legacy formats, with a ground-truth file.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var people = new Option<int>("--people", "-n") { Description = "How many people in the population.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<long>("--seed") { Description = "Seed; the same seed and size give byte-identical files.", DefaultValueFactory = _ => 42 };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Directory to write into (created if needed).", DefaultValueFactory = _ => new DirectoryInfo("synth") };
        var clean = new Option<bool>("--clean") { Description = "Inject no errors (typos, nicknames, swaps, duplicates, bad identifiers)." };
        var heavy = new Option<bool>("--heavy") { Description = "Heavier errors for linkage testing (people CSV only): frequent typos, nicknames, swapped names, missing identifiers, unknown moves and name changes, people sharing another's surname and address (some as twins)." };
        var peopleCsv = new Option<bool>("--people-csv") { Description = "Write only people.csv: one flat CSV of person records, each person one to four times with errors, and a personId truth column (for linkage)." };
        var command = new Command("synth", "Generate synthetic departments (tax office, benefits agency, driving licences, council) about one population.")
        {
            people, seed, output, clean, heavy, peopleCsv,
        };
        command.SetAction((parse, ct) =>
        {
            var directory = parse.GetValue(output)!;
            var options = new SynthOptions { People = parse.GetValue(people), Seed = parse.GetValue(seed) };
            if (parse.GetValue(clean) && parse.GetValue(heavy))
            {
                return Task.FromResult(CliOutput.Invalid("Give --clean or --heavy, not both."));
            }

            if (parse.GetValue(heavy) && !parse.GetValue(peopleCsv))
            {
                return Task.FromResult(CliOutput.Invalid("--heavy applies to the people CSV; add --people-csv."));
            }

            if (parse.GetValue(clean))
            {
                options = options with { Errors = SynthErrorRates.None };
            }
            else if (parse.GetValue(heavy))
            {
                options = options with { Errors = SynthErrorRates.Heavy };
            }

            var problems = options.Validate();
            if (problems.Count > 0)
            {
                return Task.FromResult(CliOutput.Fail(problems));
            }

            Directory.CreateDirectory(directory.FullName);
            if (parse.GetValue(peopleCsv))
            {
                return Task.FromResult(WritePeopleCsv(directory, options, ct));
            }

            var summary = default(Concordat.Core.Result<SynthSummary>);
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("Generating", maxValue: 1.0);
                    var progress = new Progress<SynthProgress>(p =>
                    {
                        task.Value = p.Fraction;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"Generating: {p.PeopleDone:N0} of {p.PeopleTotal:N0} people");
                    });
                    summary = new SynthGenerator().Generate(options, new DirectoryOutput(directory), progress, ct);
                    task.Value = 1.0;
                });

            if (!summary.IsSuccess)
            {
                return Task.FromResult(CliOutput.Fail(summary.Errors));
            }

            var s = summary.Value;
            var table = new Table().Title($"Synthetic departments in {Markup.Escape(directory.FullName)}").AddColumns("Department", "Records", "Duplicates");
            foreach (var (department, records) in s.Records)
            {
                table.AddRow(department.ToString(), records.ToString("N0", CultureInfo.InvariantCulture), s.Duplicates.GetValueOrDefault(department).ToString("N0", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{s.People:N0} people, {s.TotalRecords:N0} records, {s.BytesWritten / 1e6:N1} MB in {s.Elapsed.TotalSeconds:N1} s. Ground truth: truth.csv"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static int WritePeopleCsv(DirectoryInfo directory, SynthOptions options, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory.FullName, "people.csv");
        var started = System.Diagnostics.Stopwatch.StartNew();
        Concordat.Core.Result<SynthPeopleSummary> written;
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            written = SynthPeopleCsv.Write(options, stream, cancellationToken);
        }

        if (!written.IsSuccess)
        {
            return CliOutput.Fail(written.Errors);
        }

        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{written.Value.People:N0} people, {written.Value.Records:N0} records in {Markup.Escape(path)} ({started.Elapsed.TotalSeconds:N1} s). Truth: the personId column."));
        return ExitCodes.Success;
    }

    private sealed class DirectoryOutput(DirectoryInfo root) : ISynthOutput
    {
        public Stream Create(string relativePath)
        {
            var path = Path.GetFullPath(Path.Combine(root.FullName, relativePath));
            if (!path.StartsWith(root.FullName, StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{relativePath}' is outside the output directory.", nameof(relativePath));
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Linkage;
using Spectre.Console;

namespace Concordat.Cli.Commands;

/// <summary>
/// <c>concordat link INPUT... --settings S</c>: probabilistic record linkage of CSV files (dedupe one input, link
/// several), with <c>train</c>, <c>evaluate</c>, <c>explain</c> and <c>estimate</c> subcommands.
/// </summary>
internal static class LinkCommand
{
    private static readonly Argument<FileInfo[]> Inputs = new("inputs") { Description = "CSV inputs, or hub:DATASET for a dataset in the hub: one to deduplicate, or several to link.", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<FileInfo> SettingsOption = new("--settings", "-s") { Description = "Linkage settings (JSON).", Required = true };
    private static readonly Option<FileInfo?> ModelOption = new("--model", "-m") { Description = "A trained model (JSON); without it the model is trained first." };
    private static readonly Option<string> EncodingOption = new("--encoding") { Description = "Encoding of the inputs (utf-8, windows-1252, latin1...).", DefaultValueFactory = _ => "utf-8" };
    private static readonly Option<double> ThresholdOption = new("--threshold", "-t") { Description = "Match probability at or above which records join a cluster.", DefaultValueFactory = _ => 0.9 };
    private static readonly Option<string?> TruthOption = new("--truth") { Description = "Ground-truth column: report precision, recall and F1 against it." };
    private static readonly Option<string> ClusterMethodOption = new("--cluster-method") { Description = "How records join clusters: averageLinkage (split chains whose ends clearly differ) or connectedComponents (any chain of links).", DefaultValueFactory = _ => "averageLinkage" };

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Directory for pairs.csv, *.clusters.csv and model.json.", DefaultValueFactory = _ => new DirectoryInfo("linkage") };
        var pairThreshold = new Option<double>("--pair-threshold") { Description = "Match probability at or above which pairs are written to pairs.csv.", DefaultValueFactory = _ => 0.5 };
        var report = new Option<FileInfo?>("--report") { Description = "Write an HTML report (weights, m/u per level, accuracy) to this file." };
        var memoryLimit = new Option<string?>("--memory-limit") { Description = "Most memory the run may hold, e.g. 16GB: refused up front if the records alone need more; kept pairs beyond it are spilled to a temporary file." };
        var command = new Command("link", "Link or deduplicate person records: train a model, score blocked pairs, cluster.")
        {
            Inputs, SettingsOption, ModelOption, EncodingOption, ThresholdOption, TruthOption, ClusterMethodOption, output, pairThreshold, report, memoryLimit,
            CreateTrain(), CreateEvaluate(), CreateExplain(), CreateEstimate(),
        };
        command.SetAction((parse, ct) =>
        {
            var limit = parse.GetValue(memoryLimit);
            var bytes = ByteSize.Parse(limit);
            if (limit is not null && bytes is null)
            {
                return Task.FromResult(CliOutput.Invalid($"--memory-limit '{limit}' is not a size such as 16GB or 800MB."));
            }

            if (bytes is { } hardLimit)
            {
                // The garbage collector's own hard limit caps the managed heap; the engine plans within four fifths of
                // it (refusing or spilling kept pairs), leaving the collector room to work.
                try
                {
                    AppContext.SetData("GCHeapHardLimit", (ulong)hardLimit);
                    GC.RefreshMemoryLimit();
                }
                catch (InvalidOperationException)
                {
                    return Task.FromResult(CliOutput.Invalid($"--memory-limit '{limit}' is below what the process already uses."));
                }

                bytes = hardLimit / 5 * 4;
            }

            try
            {
                return Task.FromResult(Run(parse, parse.GetValue(output)!, parse.GetValue(pairThreshold), parse.GetValue(report), bytes, ct));
            }
            catch (OutOfMemoryException) when (bytes is not null)
            {
                return Task.FromResult(CliOutput.Fail(Error.Validation("linkage.memory_limit_exceeded", $"The run needed more memory than --memory-limit {limit} allows; raise the limit.")));
            }
        });
        return command;
    }

    private static int Run(ParseResult parse, DirectoryInfo output, double pairThreshold, FileInfo? report, long? memoryLimit, CancellationToken cancellationToken)
    {
        var threshold = parse.GetValue(ThresholdOption);
        if (!ValidProbability(threshold) || !ValidProbability(pairThreshold))
        {
            return CliOutput.Invalid("Thresholds are match probabilities strictly between 0 and 1.");
        }

        if (ParseClusterMethod(parse) is not { } method)
        {
            return CliOutput.Invalid("--cluster-method is averageLinkage or connectedComponents.");
        }

        var total = Stopwatch.StartNew();
        var prepared = Prepare(parse, cancellationToken);
        if (!prepared.IsSuccess)
        {
            return CliOutput.Fail(prepared.Errors);
        }

        var (engine, data, model) = prepared.Value;
        var stopwatch = Stopwatch.StartNew();
        // With a truth column every pair is kept, so evaluation can try every threshold; otherwise only the pairs
        // that can reach pairs.csv or a cluster.
        var keepFrom = data.HasTruth ? (double?)null : Math.Min(threshold, pairThreshold);
        if (memoryLimit is { } limit && data.MemoryBytes > limit)
        {
            return CliOutput.Fail(Error.Validation("linkage.memory_limit_exceeded", string.Create(CultureInfo.InvariantCulture, $"The records alone take {data.MemoryBytes / 1e9:N2} GB, more than the {limit / 1e9:N2} GB the engine may plan with under --memory-limit.")));
        }

        var predicted = engine.Predict(data, model, new PredictOptions { KeepFrom = keepFrom, MemoryLimit = memoryLimit, SpillDirectory = output.FullName }, cancellationToken);
        if (!predicted.IsSuccess)
        {
            return CliOutput.Fail(predicted.Errors);
        }

        using var pairs = predicted.Value;
        if (pairs.SpilledCount > 0)
        {
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]  {pairs.SpilledCount:N0} kept pairs spilled to disk to stay under the memory limit[/]"));
        }

        Stage($"Scored {pairs.CandidateCount:N0} candidate pairs ({string.Join(", ", pairs.PairsPerRule.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))} per rule), kept {pairs.Count:N0}", stopwatch);
        var clusters = engine.Cluster(data, model, pairs, threshold, method);
        Stage($"Clustered {data.RecordCount:N0} records into {clusters.Count:N0} clusters at p >= {threshold}", stopwatch);

        Directory.CreateDirectory(output.FullName);
        File.WriteAllText(Path.Combine(output.FullName, "model.json"), model.ToJson() + "\n");
        // The two files are independent: write them on two threads.
        var pairsFile = Task.Run(() => LinkFiles.WritePairs(Path.Combine(output.FullName, "pairs.csv"), data, pairs, pairThreshold), cancellationToken);
        var files = LinkFiles.WriteClusters(output, LinkHubInputs.Resolve(parse, parse.GetValue(Inputs)!, "", cancellationToken).Value, parse.GetValue(EncodingOption)!, data, clusters);
        var written = pairsFile.GetAwaiter().GetResult();
        Stage($"Wrote {written:N0} pairs (p >= {pairThreshold}) to pairs.csv and clusters to {string.Join(", ", files.Select(Path.GetFileName))}", stopwatch);

        LinkageEvaluation? evaluation = null;
        if (data.HasTruth)
        {
            evaluation = LinkageEvaluator.Evaluate(data, pairs, engine.Settings.LinkType, threshold, clusters);
            PrintEvaluation(evaluation);
        }

        var estimate = LinkageAccuracyEstimator.Estimate(pairs, LinkageAccuracyEstimator.StandardThresholds.Append(threshold).Append(pairThreshold));
        var clusterEstimate = engine.EstimateClusters(data, model, clusters);
        LinkAccuracyOutput.Print(estimate, clusterEstimate, evaluation);

        if (report is not null)
        {
            File.WriteAllText(report.FullName, LinkReport.Html(model, pairs, evaluation, estimate, clusterEstimate));
            AnsiConsole.MarkupLine($"Report: {Markup.Escape(report.FullName)}");
        }

        CliOutput.Done(string.Create(CultureInfo.InvariantCulture, $"Linked {data.RecordCount:N0} records in {total.Elapsed.TotalSeconds:N1} s; outputs in {output.FullName}"));
        return ExitCodes.Success;
    }

    private static Command CreateTrain()
    {
        var modelOut = new Option<FileInfo>("--model-out") { Description = "Where to write the trained model (JSON).", DefaultValueFactory = _ => new FileInfo("model.json") };
        var command = new Command("train", "Train a Fellegi-Sunter model without labels and save it as JSON.")
        {
            Inputs, SettingsOption, EncodingOption, modelOut,
        };
        command.SetAction((parse, ct) =>
        {
            var prepared = Prepare(parse, ct, forceTrain: true);
            if (!prepared.IsSuccess)
            {
                return Task.FromResult(CliOutput.Fail(prepared.Errors));
            }

            var model = prepared.Value.Model;
            PrintModel(model);
            var path = parse.GetValue(modelOut)!.FullName;
            File.WriteAllText(path, model.ToJson() + "\n");
            CliOutput.Done($"Model written to {path}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command CreateEvaluate()
    {
        var command = new Command("evaluate", "Score the linkage against a ground-truth column: pairwise and cluster precision, recall, F1 and the F1-best threshold.")
        {
            Inputs, SettingsOption, ModelOption, EncodingOption, ThresholdOption, TruthOption, ClusterMethodOption,
        };
        command.SetAction((parse, ct) =>
        {
            if (parse.GetValue(TruthOption) is null)
            {
                return Task.FromResult(CliOutput.Invalid("Name the ground-truth column with --truth."));
            }

            var threshold = parse.GetValue(ThresholdOption);
            if (!ValidProbability(threshold))
            {
                return Task.FromResult(CliOutput.Invalid("The threshold is a match probability strictly between 0 and 1."));
            }

            if (ParseClusterMethod(parse) is not { } method)
            {
                return Task.FromResult(CliOutput.Invalid("--cluster-method is averageLinkage or connectedComponents."));
            }

            var prepared = Prepare(parse, ct);
            if (!prepared.IsSuccess)
            {
                return Task.FromResult(CliOutput.Fail(prepared.Errors));
            }

            var (engine, data, model) = prepared.Value;
            var stopwatch = Stopwatch.StartNew();
            var predicted = engine.Predict(data, model, ct);
            if (!predicted.IsSuccess)
            {
                return Task.FromResult(CliOutput.Fail(predicted.Errors));
            }

            Stage($"Scored {predicted.Value.Count:N0} pairs", stopwatch);
            using var pairs = predicted.Value;
            var clusters = engine.Cluster(data, model, pairs, threshold, method);
            var evaluation = LinkageEvaluator.Evaluate(data, pairs, engine.Settings.LinkType, threshold, clusters);
            PrintEvaluation(evaluation);
            LinkAccuracyOutput.Print(
                LinkageAccuracyEstimator.Estimate(pairs, LinkageAccuracyEstimator.StandardThresholds.Append(threshold)),
                engine.EstimateClusters(data, model, clusters),
                evaluation);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command CreateExplain()
    {
        var left = new Option<string>("--left") { Description = "Unique id of the first record.", Required = true };
        var right = new Option<string>("--right") { Description = "Unique id of the second record.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the explanation as JSON." };
        var command = new Command("explain", "Show how a pair's match weight builds up, comparison by comparison (a waterfall).")
        {
            Inputs, SettingsOption, ModelOption, EncodingOption, left, right, json,
        };
        command.SetAction((parse, ct) =>
        {
            var prepared = Prepare(parse, ct);
            if (!prepared.IsSuccess)
            {
                return Task.FromResult(CliOutput.Fail(prepared.Errors));
            }

            var (engine, data, model) = prepared.Value;
            var leftRow = FindRow(data, parse.GetValue(left)!);
            var rightRow = FindRow(data, parse.GetValue(right)!);
            if (leftRow < 0 || rightRow < 0)
            {
                return Task.FromResult(CliOutput.Fail(Error.NotFound("linkage.record_not_found", $"No record has id '{(leftRow < 0 ? parse.GetValue(left) : parse.GetValue(right))}' (use INPUT:ID to pick an input).")));
            }

            var explanation = engine.Explain(data, model, leftRow, rightRow);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(explanation, ConcordatJson.Indented));
            }
            else
            {
                PrintExplanation(explanation);
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command CreateEstimate()
    {
        var command = new Command("estimate", "Count the pairs each blocking rule would compare, without comparing them.")
        {
            Inputs, SettingsOption, EncodingOption,
        };
        command.SetAction((parse, ct) =>
        {
            var settings = LinkFiles.ReadSettings(parse.GetValue(SettingsOption)!);
            if (!settings.IsSuccess)
            {
                return Task.FromResult(CliOutput.Fail(settings.Errors));
            }

            var inputs = LinkHubInputs.Resolve(parse, parse.GetValue(Inputs)!, settings.Value.UniqueIdColumn, ct);
            if (!inputs.IsSuccess)
            {
                return Task.FromResult(CliOutput.Fail(inputs.Errors));
            }

            var data = LinkFiles.Load(settings.Value, inputs.Value, parse.GetValue(EncodingOption)!, null, ct);
            if (!data.IsSuccess)
            {
                return Task.FromResult(CliOutput.Fail(data.Errors));
            }

            var table = new Table().AddColumns("Blocking rule", "Pairs (before removing overlaps)");
            long sum = 0;
            foreach (var (rule, pairs) in new LinkageEngine(settings.Value).EstimatePairs(data.Value))
            {
                table.AddRow(Markup.Escape(rule), pairs.ToString("N0", CultureInfo.InvariantCulture));
                sum += pairs;
            }

            table.AddRow("[bold]total[/]", sum.ToString("N0", CultureInfo.InvariantCulture) + (sum > settings.Value.PairBudget ? " (over budget)" : ""));
            AnsiConsole.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Result<(LinkageEngine Engine, LinkageData Data, LinkageModel Model)> Prepare(ParseResult parse, CancellationToken cancellationToken, bool forceTrain = false)
    {
        var settings = LinkFiles.ReadSettings(parse.GetValue(SettingsOption)!);
        if (!settings.IsSuccess)
        {
            return Result<(LinkageEngine, LinkageData, LinkageModel)>.Failure(settings.Errors);
        }

        LinkageModel? model = null;
        var modelFile = forceTrain ? null : parse.GetValue(ModelOption);
        if (modelFile is not null)
        {
            var read = LinkFiles.ReadModel(modelFile);
            if (!read.IsSuccess)
            {
                return Result<(LinkageEngine, LinkageData, LinkageModel)>.Failure(read.Errors);
            }

            var mismatch = read.Value.CheckAgainst(settings.Value);
            if (mismatch.Count > 0)
            {
                return Result<(LinkageEngine, LinkageData, LinkageModel)>.Failure(mismatch);
            }

            model = read.Value;
        }

        var stopwatch = Stopwatch.StartNew();
        var inputs = LinkHubInputs.Resolve(parse, parse.GetValue(Inputs)!, settings.Value.UniqueIdColumn, cancellationToken);
        if (!inputs.IsSuccess)
        {
            return Result<(LinkageEngine, LinkageData, LinkageModel)>.Failure(inputs.Errors);
        }

        var files = inputs.Value;
        var truth = forceTrain ? null : parse.GetValue(TruthOption);
        var data = LinkFiles.Load(settings.Value, files, parse.GetValue(EncodingOption)!, truth, cancellationToken);
        if (!data.IsSuccess)
        {
            return Result<(LinkageEngine, LinkageData, LinkageModel)>.Failure(data.Errors);
        }

        Stage(string.Create(CultureInfo.InvariantCulture, $"Read and encoded {data.Value.RecordCount:N0} records from {files.Length} input(s); they take {data.Value.MemoryBytes / 1e6:N0} MB ({data.Value.RecordCount / Math.Max(1e-9, data.Value.MemoryBytes / 1e9):N0} records per GB)"), stopwatch);
        foreach (var warning in data.Value.Warnings)
        {
            Warn(warning);
        }

        var engine = new LinkageEngine(settings.Value);
        if (engine.CheckPairBudget(data.Value) is { } overBudget)
        {
            return overBudget;
        }

        if (model is null)
        {
            var trained = engine.Train(data.Value, new StageProgress(stopwatch), cancellationToken);
            if (!trained.IsSuccess)
            {
                return Result<(LinkageEngine, LinkageData, LinkageModel)>.Failure(trained.Errors);
            }

            model = trained.Value;
            Stage("Trained the model (u by random sampling, prior from deterministic rules, m by EM)", stopwatch);
            foreach (var warning in model.Warnings)
            {
                Warn(warning);
            }
        }

        return (engine, data.Value, model);
    }

    private static int FindRow(LinkageData data, string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(id.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var input))
        {
            var row = data.FindRow(id[(colon + 1)..], input - 1);
            if (row >= 0)
            {
                return row;
            }
        }

        return data.FindRow(id);
    }

    private static void PrintModel(LinkageModel model)
    {
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Prior: λ = {model.ProbabilityTwoRandomRecordsMatch:G4} ({model.PriorWeight:N2} bits)"));
        var table = new Table().AddColumns("Comparison", "Level", "m", "u", "Weight (bits)");
        foreach (var comparison in model.Comparisons)
        {
            foreach (var level in comparison.Levels)
            {
                table.AddRow(
                    Markup.Escape(comparison.Name),
                    Markup.Escape(level.Label),
                    level.M.ToString("G4", CultureInfo.InvariantCulture) + (level.MTrained ? "" : " (default)"),
                    level.U.ToString("G4", CultureInfo.InvariantCulture),
                    level.Weight.ToString("N2", CultureInfo.InvariantCulture));
            }
        }

        AnsiConsole.Write(table);
    }

    private static void PrintEvaluation(LinkageEvaluation e)
    {
        var table = new Table().Title("Accuracy against the truth column").AddColumns("Measure", "Precision", "Recall", "F1", "TP", "FP", "FN");
        void Row(string name, PairwiseScore s) => table.AddRow(
            name,
            s.Precision.ToString("0.0000", CultureInfo.InvariantCulture),
            s.Recall.ToString("0.0000", CultureInfo.InvariantCulture),
            s.F1.ToString("0.0000", CultureInfo.InvariantCulture),
            s.TruePositives.ToString("N0", CultureInfo.InvariantCulture),
            s.FalsePositives.ToString("N0", CultureInfo.InvariantCulture),
            s.FalseNegatives.ToString("N0", CultureInfo.InvariantCulture));
        Row(string.Create(CultureInfo.InvariantCulture, $"pairwise at p >= {e.Threshold}"), e.AtThreshold);
        Row(string.Create(CultureInfo.InvariantCulture, $"pairwise at best threshold p >= {e.BestThreshold:G6}"), e.AtBestThreshold);
        Row(string.Create(CultureInfo.InvariantCulture, $"pairs within clusters ({e.ClusterMethod})"), e.Clusters);
        Row("clusters exactly right", e.ExactClusterScore);
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"True pairs {e.TruePairs:N0}, found by blocking {e.TruePairsBlocked:N0} (blocking recall {(e.TruePairs == 0 ? 1 : (double)e.TruePairsBlocked / e.TruePairs):0.0000}). Clusters: {e.PredictedClusters:N0} predicted, {e.TrueClusters:N0} true, {e.ExactClusters:N0} reproduced exactly."));
    }

    private static void PrintExplanation(PairExplanation explanation)
    {
        var table = new Table().Title($"{Markup.Escape(explanation.LeftId)} vs {Markup.Escape(explanation.RightId)}").AddColumns("Comparison", "Left", "Right", "Level", "Weight", "TF adj.", "Running total");
        table.AddRow("prior", "", "", "", explanation.PriorWeight.ToString("N2", CultureInfo.InvariantCulture), "", explanation.PriorWeight.ToString("N2", CultureInfo.InvariantCulture));
        foreach (var step in explanation.Steps)
        {
            table.AddRow(
                Markup.Escape(step.Comparison),
                Markup.Escape(step.LeftValue ?? "(missing)"),
                Markup.Escape(step.RightValue ?? "(missing)"),
                Markup.Escape(step.Level),
                step.Weight.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture),
                step.TfAdjustment == 0 ? "" : step.TfAdjustment.ToString("+0.00;-0.00", CultureInfo.InvariantCulture),
                step.RunningTotal.ToString("N2", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Match weight {explanation.Weight:N2} bits, probability {explanation.Probability:0.######}"));
    }

    private static bool ValidProbability(double p) => p is > 0 and < 1;

    private static ClusterMethod? ParseClusterMethod(ParseResult parse) =>
        Enum.TryParse<ClusterMethod>(parse.GetValue(ClusterMethodOption), ignoreCase: true, out var method) && Enum.IsDefined(method) && !int.TryParse(parse.GetValue(ClusterMethodOption), out _)
            ? method
            : null;

    private static void Stage(string message, Stopwatch stopwatch)
    {
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{Markup.Escape(message)} [grey]({stopwatch.Elapsed.TotalSeconds:N2} s)[/]"));
        stopwatch.Restart();
    }

    private sealed class StageProgress(Stopwatch stopwatch) : IProgress<string>
    {
        public void Report(string value) =>
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]  {Markup.Escape(value)} (at {stopwatch.Elapsed.TotalSeconds:N2} s)[/]"));
    }

    private static void Warn(string message) => AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
}

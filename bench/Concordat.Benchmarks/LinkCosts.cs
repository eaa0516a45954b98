using System.Diagnostics;
using System.Globalization;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Concordat.Core.Linkage;
using Concordat.Core.Linkage.Internal;

namespace Concordat.Benchmarks;

/// <summary>
/// <c>link-costs FILE SETTINGS</c>: time each comparison of a settings file over one million random pairs of the
/// file's records, single-threaded, to show which comparison dominates the hot loop.
/// </summary>
internal static class LinkCosts
{
    public static int Run(string file, string settingsFile)
    {
        var settings = LinkageSettingsJson.Read(File.ReadAllText(settingsFile)).Value;
        var stopwatch = Stopwatch.StartNew();
        using var source = new CsvRecordSource(File.OpenRead(file), new SourceOptions());
        var data = LinkageData.Load(settings, [source]).Value;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load {data.RecordCount:N0} records: {stopwatch.Elapsed.TotalSeconds:N2} s"));
        const int pairs = 1_000_000;
        var random = new Random(1);
        var left = new int[pairs];
        var right = new int[pairs];
        for (var i = 0; i < pairs; i++)
        {
            left[i] = random.Next(data.RecordCount);
            right[i] = random.Next(data.RecordCount);
        }

        foreach (var comparison in settings.Comparisons)
        {
            var compiled = new CompiledComparison(comparison, data.Column(comparison.Column));
            compiled.Level(0, 1);
            stopwatch.Restart();
            var sum = 0;
            for (var i = 0; i < pairs; i++)
            {
                sum += compiled.Level(left[i], right[i]);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{comparison.DisplayName,-12} {stopwatch.Elapsed.TotalMilliseconds * 1000 / pairs,8:N3} us/pair (checksum {sum})"));
        }

        return 0;
    }

    public static int Phases(string file, string settingsFile, string modelFile)
    {
        var settings = LinkageSettingsJson.Read(File.ReadAllText(settingsFile)).Value;
        var model = LinkageModel.Parse(File.ReadAllText(modelFile)).Value;
        var stopwatch = Stopwatch.StartNew();
        using var source = new CsvRecordSource(File.OpenRead(file), new SourceOptions());
        var data = LinkageData.Load(settings, [source], "personId").Value;
        Console.WriteLine($"load {stopwatch.Elapsed.TotalSeconds:N2}");
        stopwatch.Restart();
        var pairs = new LinkageEngine(settings).Predict(data, model).Value;
        Console.WriteLine($"predict {stopwatch.Elapsed.TotalSeconds:N2}");
        stopwatch.Restart();
        var clusters = LinkageClusters.Build(pairs, data.RecordCount, 0.9);
        Console.WriteLine($"cluster {stopwatch.Elapsed.TotalSeconds:N2} {clusters.Count}");
        stopwatch.Restart();
        var evaluation = LinkageEvaluator.Evaluate(data, pairs, settings.LinkType, 0.9);
        Console.WriteLine($"evaluate {stopwatch.Elapsed.TotalSeconds:N2} {evaluation.AtBestThreshold.F1}");
        return 0;
    }
}

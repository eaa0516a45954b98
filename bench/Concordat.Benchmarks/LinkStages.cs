using System.Diagnostics;
using System.Globalization;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Concordat.Core.Linkage;
using Concordat.Core.Linkage.Internal;

namespace Concordat.Benchmarks;

/// <summary>
/// <c>link-stages FILE SETTINGS</c>: wall and CPU seconds and managed heap of each stage of a linkage run (load,
/// train, predict, cluster) in one process, then each comparison's cost over the run's real candidate pairs on one
/// thread, so the largest cost can be attacked first.
/// </summary>
internal static class LinkStages
{
    public static int Run(string file, string settingsFile)
    {
        var settings = LinkageSettingsJson.Read(File.ReadAllText(settingsFile)).Value;
        var clock = new StageClock();
        using (var source = new CsvRecordSource(File.OpenRead(file), new SourceOptions()))
        {
            var ordinals = settings.Columns.Select(c => source.GetOrdinal(c.Name)).Append(source.GetOrdinal(settings.UniqueIdColumn)).ToArray();
            long chars = 0;
            while (source.Read())
            {
                foreach (var o in ordinals)
                {
                    chars += source.GetValue(o)?.Length ?? 0;
                }
            }

            clock.Stage($"read only ({chars:N0} chars)");
        }

        LinkageData data;
        using (var source = new CsvRecordSource(File.OpenRead(file), new SourceOptions()))
        {
            data = LinkageData.Load(settings, [source]).Value;
        }

        clock.Stage($"load {data.RecordCount:N0} records");
        var engine = new LinkageEngine(settings);
        var model = engine.Train(data).Value;
        clock.Stage("train");
        foreach (var text in settings.BlockingRules)
        {
            var (keys, count) = Blocker.Keys(data, BlockingRule.Parse(text, settings.Columns.Select(c => c.Name).ToHashSet()).Value);
            _ = new BlockGroups(keys, count);
        }

        clock.Stage("blocking keys and groups only");
        var ruleGroups = settings.BlockingRules.Select(text =>
        {
            var (keys, count) = Blocker.Keys(data, BlockingRule.Parse(text, settings.Columns.Select(c => c.Name).ToHashSet()).Value);
            return new BlockGroups(keys, count);
        }).ToList();
        var earlier = EarlierRules.From([.. ruleGroups.Select(g => g.Keys)], data.RecordCount);
        long candidates = 0;
        for (var r = 0; r < ruleGroups.Count; r++)
        {
            candidates += Blocker.Count(ruleGroups[r], earlier.Before(r), data.Sources, settings.LinkType, default);
        }

        clock.Stage($"blocking and counting {candidates:N0} pairs");
        var pairs = engine.Predict(data, model, new PredictOptions { KeepFrom = 0.5 }).Value;
        clock.Stage($"predict {pairs.CandidateCount:N0} pairs, kept {pairs.Count:N0}, cut short {pairs.Distribution.CutShort:N0}");
        var clusters = LinkageClusters.Build(pairs, data.RecordCount, 0.9);
        clock.Stage($"cluster {clusters.Count:N0}");

        var sample = Math.Min(pairs.Count, 2_000_000);
        var step = Math.Max(1, pairs.Count / sample);
        var left = new int[sample];
        var right = new int[sample];
        for (var i = 0; i < sample; i++)
        {
            left[i] = pairs.Left(i * step);
            right[i] = pairs.Right(i * step);
        }

        foreach (var comparison in settings.Comparisons)
        {
            var compiled = new CompiledComparison(comparison, data.Column(comparison.Column));
            var stopwatch = Stopwatch.StartNew();
            var sum = 0;
            for (var i = 0; i < sample; i++)
            {
                sum += compiled.Level(left[i], right[i]);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {comparison.DisplayName,-12} {stopwatch.Elapsed.TotalMilliseconds * 1000 / sample,8:N3} us/pair over {sample:N0} candidate pairs (checksum {sum})"));
        }

        return 0;
    }

    private sealed class StageClock
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public void Stage(string name)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-40} wall {_wall.Elapsed.TotalSeconds,6:N2} s  cpu {(cpu - _cpu).TotalSeconds,6:N2} s  heap {GC.GetTotalMemory(false) / 1e6,7:N0} MB  peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6,7:N0} MB"));
            _cpu = cpu;
            _wall.Restart();
        }
    }
}

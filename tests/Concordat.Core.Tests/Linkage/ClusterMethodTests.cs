using System.Globalization;
using System.Text;
using Concordat.Core.Linkage;
using CsCheck;

namespace Concordat.Core.Tests.Linkage;

public sealed class ClusterMethodTests
{
    private static ScoredPairs Pairs(params (int Left, int Right, double Weight)[] pairs) => new(
        [.. pairs.Select(p => p.Left)],
        [.. pairs.Select(p => p.Right)],
        [.. pairs.Select(p => (float)p.Weight)],
        new byte[pairs.Length],
        1,
        [pairs.Length],
        new WeightDistribution(new long[WeightDistribution.BinCount], new double[WeightDistribution.BinCount], 0, 0, double.NegativeInfinity),
        null);

    [Fact]
    public void Average_linkage_splits_a_chain_whose_ends_clearly_differ()
    {
        // A-B and B-C are strong links; A and C disagree on nearly everything.
        var pairs = Pairs((0, 1, 20), (1, 2, 20));
        double Weigh(int a, int b) => (a, b) switch { (0, 1) or (1, 2) => 20, (0, 2) => -40, _ => double.NaN };

        var components = LinkageClusters.Build(pairs, 3, 0.9);
        var split = LinkageClusters.BuildAverageLinkage(pairs, 3, 0.9, Weigh);

        Assert.Equal(1, components.Count);
        Assert.Equal(2, split.Count);
        Assert.Equal(ClusterMethod.AverageLinkage, split.Method);
        Assert.NotEqual(split.Of(0), split.Of(2));
    }

    [Fact]
    public void Average_linkage_keeps_a_chain_whose_ends_merely_lack_agreement()
    {
        // An old record (A) linked through B: A and C differ mildly (a stale address), not clearly.
        var pairs = Pairs((0, 1, 20), (1, 2, 20));
        double Weigh(int a, int b) => (a, b) switch { (0, 2) => -8, _ => 20 };

        Assert.Equal(1, LinkageClusters.BuildAverageLinkage(pairs, 3, 0.9, Weigh).Count);
    }

    [Fact]
    public void Average_linkage_never_joins_what_connected_components_keep_apart_and_equals_them_without_a_floor()
    {
        var gen = Gen.Int[2, 12].SelectMany(n => Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1], Gen.Double[-30, 30]).Array[0, 30].Select(edges => (n, edges)));
        gen.Sample(t =>
        {
            var (n, edges) = t;
            var weights = new Dictionary<(int, int), double>();
            foreach (var (a, b, w) in edges.Where(e => e.Item1 != e.Item2))
            {
                weights[(Math.Min(a, b), Math.Max(a, b))] = w;
            }

            var pairs = Pairs([.. weights.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value))]);
            double Weigh(int a, int b) => weights.TryGetValue((a, b), out var w) ? w : -3;
            var components = LinkageClusters.Build(pairs, n, 0.9);
            var split = LinkageClusters.BuildAverageLinkage(pairs, n, 0.9, Weigh);
            var unbounded = LinkageClusters.BuildAverageLinkage(pairs, n, 0.9, Weigh, double.NegativeInfinity);
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    Assert.True(split.Of(a) != split.Of(b) || components.Of(a) == components.Of(b));
                    Assert.Equal(components.Of(a) == components.Of(b), unbounded.Of(a) == unbounded.Of(b));
                }
            }
        }, iter: 2000);
    }

    [Fact]
    public void Engine_splits_a_chain_of_real_records_whose_ends_clearly_differ_and_connected_components_keep_it()
    {
        // Eight independent fields. B agrees with A on the first four and with C on the last four; A and C disagree
        // on all eight. A-B and B-C are strong links found by different blocking rules; A-C is never blocked.
        string[] fields = ["f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8"];
        var settings = new LinkageSettings
        {
            UniqueIdColumn = "id",
            Columns = [.. fields.Select(f => new ColumnSettings { Name = f, Role = ColumnRole.Other })],
            Comparisons = [.. fields.Select(f => LinkageTestData.Comparison(f, LinkageTestData.Level(ComparisonLevelKind.Exact)))],
            BlockingRules = ["f1 & f2", "f5 & f6"],
            TrainingBlockingRules = ["f1 & f2", "f5 & f6", "f3 & f4"],
            DeterministicRules = ["f1 & f2 & f3 & f4 & f5 & f6 & f7 & f8"],
            DeterministicRecall = 0.5,
            USamplePairs = 100_000,
            MaxTrainingPairs = 100_000,
        };
        var random = new Random(7);
        var csv = new StringBuilder("id,").Append(string.Join(',', fields)).Append('\n');
        for (var p = 0; p < 3000; p++)
        {
            var values = fields.Select(f => f + random.Next(5000).ToString(CultureInfo.InvariantCulture)).ToArray();
            for (var copy = 0; copy < 2; copy++)
            {
                // A copy sometimes loses a field and rarely gets another value for it, so copies of one person
                // seldom disagree: a disagreement is evidence against a match, agreement on four fields strong for.
                var row = values.Select(v => random.NextDouble() switch { < 0.05 => "", < 0.08 => v[..2] + random.Next(5000).ToString(CultureInfo.InvariantCulture), _ => v });
                csv.Append(CultureInfo.InvariantCulture, $"p{p}c{copy},").Append(string.Join(',', row)).Append('\n');
            }
        }

        csv.Append("A,a1,a2,a3,a4,a5,a6,a7,a8\n").Append("B,a1,a2,a3,a4,c5,c6,c7,c8\n").Append("C,c1,c2,c3,c4,c5,c6,c7,c8\n");
        var data = LinkageTestData.Load(settings, csv.ToString());
        var engine = new LinkageEngine(settings);
        var model = engine.Train(data).Value;
        using var pairs = engine.Predict(data, model).Value;
        int a = data.RecordCount - 3, b = a + 1, c = a + 2;
        Assert.True(engine.Explain(data, model, a, b).Probability >= 0.9);
        Assert.True(engine.Explain(data, model, b, c).Probability >= 0.9);
        Assert.True(engine.Explain(data, model, a, c).Weight < -20, "A and C clearly differ");

        var components = engine.Cluster(data, model, pairs, 0.9, ClusterMethod.ConnectedComponents);
        var split = engine.Cluster(data, model, pairs, 0.9, ClusterMethod.AverageLinkage);

        Assert.Equal(components.Of(a), components.Of(c));
        Assert.NotEqual(split.Of(a), split.Of(c));
        Assert.True(split.Of(b) == split.Of(a) || split.Of(b) == split.Of(c));
    }

    [Fact]
    public void Engine_clusters_synthetic_people_by_either_method()
    {
        var settings = LinkageTestData.PeopleSettings();
        using var stream = new MemoryStream();
        Concordat.Core.Synthesis.SynthPeopleCsv.Write(new Concordat.Core.Synthesis.SynthOptions { People = 800, Seed = 3, Errors = Concordat.Core.Synthesis.SynthErrorRates.Heavy }, stream);
        var data = LinkageTestData.TryLoad(settings, "personId", System.Text.Encoding.UTF8.GetString(stream.ToArray())).Value;
        var engine = new LinkageEngine(settings);
        var model = engine.Train(data).Value;
        using var pairs = engine.Predict(data, model).Value;
        var components = engine.Cluster(data, model, pairs, 0.9, ClusterMethod.ConnectedComponents);
        var split = engine.Cluster(data, model, pairs, 0.9, ClusterMethod.AverageLinkage);

        Assert.True(split.Count >= components.Count);
        var evaluation = LinkageEvaluator.Evaluate(data, pairs, settings.LinkType, 0.9, split);
        Assert.Equal(ClusterMethod.AverageLinkage, evaluation.ClusterMethod);
        Assert.True(evaluation.Clusters.F1 > 0.9, $"F1 {evaluation.Clusters.F1}");
        Assert.Equal(evaluation.ExactClusters, evaluation.ExactClusterScore.TruePositives);
    }
}

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

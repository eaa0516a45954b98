using System.Text;
using Concordat.Core.Linkage;
using Concordat.Core.Synthesis;
using CsCheck;
using static Concordat.Core.Tests.Linkage.LinkageTestData;

namespace Concordat.Core.Tests.Linkage;

public sealed class PredictKeepProperties
{
    private static readonly Lazy<(LinkageSettings Settings, LinkageData Data, LinkageModel Model)> Run = new(() =>
    {
        using var stream = new MemoryStream();
        SynthPeopleCsv.Write(new SynthOptions { People = 1500, Seed = 9 }, stream);
        var settings = PeopleSettings();
        var data = Load(settings, Encoding.UTF8.GetString(stream.ToArray()));
        return (settings, data, new LinkageEngine(settings).Train(data).Value);
    });

    [Fact]
    public void Keeping_from_a_probability_keeps_exactly_the_pairs_at_or_above_it_with_the_same_weights()
    {
        var (settings, data, model) = Run.Value;
        var engine = new LinkageEngine(settings);
        var all = engine.Predict(data, model).Value;
        var byPair = Enumerable.Range(0, all.Count).ToDictionary(p => (all.Left(p), all.Right(p)), p => p);
        Gen.Double[0.0001, 0.9999].Sample(keepFrom =>
        {
            var kept = engine.Predict(data, model, new PredictOptions { KeepFrom = keepFrom }).Value;
            var expected = Enumerable.Range(0, all.Count).Where(p => all.Weight(p) >= ScoredPairs.WeightOf(keepFrom)).Count();

            Assert.Equal(expected, kept.Count);
            Assert.Equal(all.CandidateCount, kept.CandidateCount);
            Assert.Equal(all.CandidateCount, kept.Distribution.Total);
            for (var p = 0; p < kept.Count; p++)
            {
                var q = byPair[(kept.Left(p), kept.Right(p))];
                Assert.Equal(all.Weight(q), kept.Weight(p));
                for (var c = 0; c < settings.Comparisons.Count; c++)
                {
                    Assert.Equal(all.Level(q, c), kept.Level(p, c));
                }
            }
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void Kept_weights_equal_the_explanation_of_the_pair()
    {
        var (settings, data, model) = Run.Value;
        var engine = new LinkageEngine(settings);
        var kept = engine.Predict(data, model, new PredictOptions { KeepFrom = 0.5 }).Value;
        Assert.True(kept.Count > 500);
        for (var p = 0; p < kept.Count; p += 7)
        {
            Assert.Equal(engine.Explain(data, model, kept.Left(p), kept.Right(p)).Weight, kept.Weight(p), 1e-4);
        }
    }

    [Fact]
    public void Distribution_counts_every_candidate_and_bounds_the_pairs_cut_short()
    {
        var (settings, data, model) = Run.Value;
        var engine = new LinkageEngine(settings);
        var all = engine.Predict(data, model).Value;
        var kept = engine.Predict(data, model, new PredictOptions { KeepFrom = 0.9 }).Value;

        Assert.Equal(0, all.Distribution.CutShort);
        Assert.True(kept.Distribution.CutShort > 0, "scoring should stop early on hopeless pairs");
        var fullSum = Enumerable.Range(0, all.Count).Sum(p => all.Probability(p));
        var keptFullSum = kept.Distribution.ProbabilitySums.Sum();
        Assert.True(keptFullSum + kept.Distribution.CutShortProbabilityBound >= fullSum - 1e-6, "the bound must cover the pairs cut short");
        Assert.True(keptFullSum <= fullSum + 1e-6);
    }

    [Fact]
    public void Pairs_spilled_under_a_memory_limit_read_back_the_same_as_pairs_kept_in_memory()
    {
        var (settings, data, model) = Run.Value;
        var engine = new LinkageEngine(settings);
        using var inMemory = engine.Predict(data, model, new PredictOptions { KeepFrom = 0.01 }).Value;
        var directory = Path.Combine(Path.GetTempPath(), "concordat-spill-" + Guid.NewGuid().ToString("N"));
        using (var spilled = engine.Predict(data, model, new PredictOptions { KeepFrom = 0.01, MemoryLimit = engine.EstimateScoringBytes(data) + 1, SpillDirectory = directory }).Value)
        {
            Assert.True(spilled.SpilledCount > 0, "a limit just above the scoring structures must spill kept pairs");
            Assert.Equal(inMemory.Count, spilled.Count);
            Assert.Single(Directory.GetFiles(directory));
            for (var p = 0; p < inMemory.Count; p++)
            {
                Assert.Equal(inMemory.Left(p), spilled.Left(p));
                Assert.Equal(inMemory.Right(p), spilled.Right(p));
                Assert.Equal(inMemory.Weight(p), spilled.Weight(p));
                Assert.Equal(inMemory.Level(p, 2), spilled.Level(p, 2));
            }

            Assert.Equal(
                LinkageClusters.Build(inMemory, data.RecordCount, 0.9).ByRow,
                LinkageClusters.Build(spilled, data.RecordCount, 0.9).ByRow);
        }

        Assert.Empty(Directory.GetFiles(directory));
        Directory.Delete(directory);
    }

    [Fact]
    public void A_memory_limit_below_the_scoring_structures_is_refused_before_scoring()
    {
        var (settings, data, model) = Run.Value;
        var engine = new LinkageEngine(settings);
        var result = engine.Predict(data, model, new PredictOptions { MemoryLimit = engine.EstimateScoringBytes(data) - 1 });
        Assert.False(result.IsSuccess);
        Assert.Equal("linkage.memory_limit_exceeded", result.Errors[0].Code);
    }
}

using Concordat.Core.Linkage;
using static Concordat.Core.Tests.Linkage.LinkageTestData;

namespace Concordat.Core.Tests.Linkage;

public sealed class LinkageEvaluatorTests
{
    private static readonly LinkageSettings Settings = new()
    {
        UniqueIdColumn = "id",
        Columns = [new ColumnSettings { Name = "name", Role = ColumnRole.FamilyName }, new ColumnSettings { Name = "town" }],
        Comparisons = [Comparison("name", Level(ComparisonLevelKind.Exact))],
        BlockingRules = ["town"],
    };

    // Even prior; agreeing names give p = 0.9, disagreeing ones p = 0.1.
    private static readonly LinkageModel Model = new()
    {
        ProbabilityTwoRandomRecordsMatch = 0.5,
        Comparisons =
        [
            new ComparisonModel
            {
                Name = "name",
                Column = "name",
                Levels = [new LevelModel { Label = "exact", M = 0.9, U = 0.1 }, new LevelModel { Label = "else", M = 0.1, U = 0.9 }],
            },
        ],
    };

    [Fact]
    public void Counts_pairs_missed_by_blocking_as_false_negatives()
    {
        // Truth: {1,2,3} are one person, {4} another. Blocking on town pairs 1-2 and 3-4 only.
        const string csv = "id,name,town,person\n1,SMITH,LEEDS,P1\n2,SMITH,LEEDS,P1\n3,SMITH,YORK,P1\n4,JONES,YORK,P2\n";
        var data = TryLoad(Settings, "person", csv).Value;
        var engine = new LinkageEngine(Settings);
        var pairs = engine.Predict(data, Model).Value;
        Assert.Equal(2, pairs.Count);

        var evaluation = LinkageEvaluator.Evaluate(data, pairs, LinkType.Dedupe, 0.5);
        Assert.Equal(3, evaluation.TruePairs);
        Assert.Equal(1, evaluation.TruePairsBlocked);
        Assert.Equal(new PairwiseScore(1, 0, 2), evaluation.AtBestThreshold);
        Assert.Equal(1.0, evaluation.AtBestThreshold.Precision);
        Assert.Equal(1.0 / 3, evaluation.AtBestThreshold.Recall, 9);
        Assert.Equal(2, evaluation.TrueClusters);
        Assert.Equal(3, evaluation.PredictedClusters);
        Assert.Equal(1, evaluation.ExactClusters);
    }

    [Fact]
    public void Pairwise_score_formulas()
    {
        var score = new PairwiseScore(90, 10, 30);
        Assert.Equal(0.9, score.Precision, 9);
        Assert.Equal(0.75, score.Recall, 9);
        Assert.Equal(2 * 0.9 * 0.75 / 1.65, score.F1, 9);
    }

    [Fact]
    public void Clusters_are_connected_components_above_the_threshold()
    {
        const string csv = "id,name,town\n1,SMITH,LEEDS\n2,SMITH,LEEDS\n3,SMITH,LEEDS\n4,JONES,YORK\n5,JONES,YORK\n";
        var data = Load(Settings, csv);
        var engine = new LinkageEngine(Settings);
        var pairs = engine.Predict(data, Model).Value;
        var clusters = LinkageClusters.Build(pairs, data.RecordCount, 0.5);
        Assert.Equal(2, clusters.Count);
        Assert.Equal(clusters.Of(0), clusters.Of(2));
        Assert.Equal(clusters.Of(3), clusters.Of(4));
        Assert.NotEqual(clusters.Of(0), clusters.Of(3));
        Assert.Equal(5, LinkageClusters.Build(pairs, data.RecordCount, 1 - 1e-12).Count);
    }
}

using System.Text;
using Concordat.Core.Linkage;
using Concordat.Core.Synthesis;
using static Concordat.Core.Tests.Linkage.LinkageTestData;

namespace Concordat.Core.Tests.Linkage;

public sealed class LinkageEngineTests
{
    private static readonly Lazy<string> People = new(() =>
    {
        using var stream = new MemoryStream();
        SynthPeopleCsv.Write(new SynthOptions { People = 3000, Seed = 5 }, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    });

    [Fact]
    public void Deduplicates_synthetic_people_with_high_precision_and_recall()
    {
        var settings = PeopleSettings();
        var data = TryLoad(settings, "personId", People.Value).Value;
        var engine = new LinkageEngine(settings);
        var model = engine.Train(data).Value;
        var pairs = engine.Predict(data, model).Value;
        var evaluation = LinkageEvaluator.Evaluate(data, pairs, settings.LinkType, 0.9);

        Assert.True(evaluation.AtBestThreshold.F1 >= 0.95, $"F1 {evaluation.AtBestThreshold.F1}");
        Assert.True(evaluation.AtThreshold.Precision >= 0.95, $"precision {evaluation.AtThreshold.Precision}");
        Assert.True(evaluation.AtThreshold.Recall >= 0.95, $"recall {evaluation.AtThreshold.Recall}");
        Assert.True(evaluation.TruePairs > 1000);
    }

    [Fact]
    public void Trained_model_favours_agreement_and_round_trips_as_json()
    {
        var settings = PeopleSettings();
        var data = Load(settings, People.Value);
        var model = new LinkageEngine(settings).Train(data).Value;

        foreach (var comparison in model.Comparisons)
        {
            Assert.True(comparison.Levels[0].Weight > 0, $"{comparison.Name} exact weight {comparison.Levels[0].Weight}");
            Assert.True(comparison.Levels[^1].Weight < comparison.Levels[0].Weight, comparison.Name);
        }

        Assert.InRange(model.ProbabilityTwoRandomRecordsMatch, 1e-5, 1e-2);
        var again = LinkageModel.Parse(model.ToJson()).Value;
        Assert.Equal(model.ProbabilityTwoRandomRecordsMatch, again.ProbabilityTwoRandomRecordsMatch);
        Assert.Equal(model.Comparisons[0].Levels[0].M, again.Comparisons[0].Levels[0].M);
        Assert.Empty(again.CheckAgainst(settings));
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        var settings = PeopleSettings();
        var data = Load(settings, People.Value);
        var a = new LinkageEngine(settings).Train(data).Value.ToJson();
        var b = new LinkageEngine(settings).Train(data).Value.ToJson();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Explanation_adds_up_to_the_scored_weight()
    {
        var settings = PeopleSettings();
        var data = Load(settings, People.Value);
        var engine = new LinkageEngine(settings);
        var model = engine.Train(data).Value;
        var pairs = engine.Predict(data, model).Value;
        for (var p = 0; p < Math.Min(50, pairs.Count); p++)
        {
            var explanation = engine.Explain(data, model, pairs.Left(p), pairs.Right(p));
            Assert.Equal(pairs.Weight(p), explanation.Weight, 3);
            Assert.Equal(settings.Comparisons.Count, explanation.Steps.Count);
            Assert.Equal(explanation.Weight, explanation.Steps[^1].RunningTotal, 9);
            var sum = explanation.PriorWeight + explanation.Steps.Sum(s => s.Weight + s.TfAdjustment);
            Assert.Equal(explanation.Weight, sum, 4);
        }
    }

    private static readonly LinkageSettings Small = new()
    {
        UniqueIdColumn = "id",
        Columns = [new ColumnSettings { Name = "name", Role = ColumnRole.FamilyName }, new ColumnSettings { Name = "town", Role = ColumnRole.Other }],
        Comparisons = [Comparison("name", Level(ComparisonLevelKind.Exact))],
        BlockingRules = ["town", "name"],
        DeterministicRules = ["name & town"],
    };

    [Fact]
    public void Blocking_rules_are_ored_and_each_pair_is_kept_once()
    {
        var data = Load(Small, "id,name,town\n1,SMITH,LEEDS\n2,SMITH,LEEDS\n3,JONES,LEEDS\n4,SMITH,YORK\n5,BROWN,\n");
        var engine = new LinkageEngine(Small);
        var model = engine.Train(data).Value;
        var pairs = engine.Predict(data, model).Value;

        var found = Enumerable.Range(0, pairs.Count).Select(p => (pairs.Left(p), pairs.Right(p))).ToList();
        Assert.Equal(found.Distinct().Count(), found.Count);
        // town: (0,1) (0,2) (1,2); name adds (0,3) (1,3); row 4 has no town and a unique name.
        Assert.Equal([(0, 1), (0, 2), (1, 2), (0, 3), (1, 3)], found);
        Assert.Equal([3L, 2L], pairs.PairsPerRule);
    }

    [Fact]
    public void Link_only_compares_records_from_different_inputs()
    {
        var settings = Small with { LinkType = LinkType.Link };
        var data = Load(settings, "id,name,town\na1,SMITH,LEEDS\na2,SMITH,LEEDS\n", "id,name,town\nb1,SMITH,LEEDS\n");
        var engine = new LinkageEngine(settings);
        var pairs = engine.Predict(data, engine.Train(data).Value).Value;
        Assert.Equal(2, pairs.Count);
        for (var p = 0; p < pairs.Count; p++)
        {
            Assert.NotEqual(data.SourceOf(pairs.Left(p)), data.SourceOf(pairs.Right(p)));
        }
    }

    [Fact]
    public void Link_needs_two_inputs()
    {
        var result = TryLoad(Small with { LinkType = LinkType.Link }, null, "id,name,town\n1,A,B\n2,A,B\n");
        Assert.Equal("linkage.link_needs_two_inputs", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void A_rule_over_the_pair_budget_is_refused_with_the_estimate()
    {
        var rows = string.Concat(Enumerable.Range(0, 200).Select(i => $"{i},N{i % 3},LEEDS\n"));
        var settings = Small with { PairBudget = 1000, DeterministicRules = null };
        var data = Load(settings, "id,name,town\n" + rows);
        var engine = new LinkageEngine(settings);
        Assert.Equal(19_900, engine.EstimatePairs(data)[0].Pairs);
        var model = engine.Train(data).Value;
        var result = engine.Predict(data, model);
        var error = Assert.Single(result.Errors);
        Assert.Equal("linkage.pair_budget_exceeded", error.Code);
        Assert.Contains("19,900", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_all_null_column_is_a_warning_not_a_crash()
    {
        var data = Load(Small, "id,name,town\n1,SMITH,\n2,SMITH,\n3,JONES,\n");
        Assert.Contains(data.Warnings, w => w.Contains("'town'", StringComparison.Ordinal) && w.Contains("empty", StringComparison.Ordinal));
        var engine = new LinkageEngine(Small);
        var model = engine.Train(data).Value;
        Assert.Equal(1, engine.Predict(data, model).Value.Count);
    }

    [Fact]
    public void Non_utf8_input_is_a_clear_error_naming_the_encoding()
    {
        var bytes = Encoding.Latin1.GetBytes("id,name,town\n1,Zoë,Leeds\n2,Zoë,Leeds\n");
        using var source = new Concordat.Core.Ingestion.Sources.CsvRecordSource(new MemoryStream(bytes), new Concordat.Core.Ingestion.SourceOptions());
        var result = LinkageData.Load(Small, [source]);
        var error = Assert.Single(result.Errors);
        Assert.Equal("linkage.input_unreadable", error.Code);
        Assert.Contains("windows-1252", error.Message, StringComparison.Ordinal);

        using var latin = new Concordat.Core.Ingestion.Sources.CsvRecordSource(new MemoryStream(bytes), new Concordat.Core.Ingestion.SourceOptions { Encoding = "windows-1252" });
        Assert.Equal("ZOE", LinkageData.Load(Small, [latin]).Value.Value(0, "name"));
    }

    [Fact]
    public void A_model_for_other_settings_is_refused()
    {
        var settings = PeopleSettings();
        var data = Load(Small, "id,name,town\n1,SMITH,LEEDS\n2,SMITH,LEEDS\n");
        var model = new LinkageEngine(Small).Train(data).Value;
        Assert.Equal("linkage.model_mismatch", model.CheckAgainst(settings)[0].Code);
        Assert.Equal("linkage.model_mismatch", new LinkageEngine(Small with { Comparisons = [Comparison("name", Level(ComparisonLevelKind.Exact), Level(ComparisonLevelKind.Soundex))] }).Predict(data, model).Errors[0].Code);
    }
}

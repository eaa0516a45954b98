namespace Concordat.Core.Linkage.Internal;

/// <summary>The match weight of any two rows under a model, as an explanation adds it up. Immutable; thread safe.</summary>
internal sealed class PairWeigher(CompiledComparison[] comparisons, LinkageModel model)
{
    private readonly WeightTable _table = WeightTable.Build(comparisons, model);

    public double Weigh(int left, int right)
    {
        var total = model.PriorWeight;
        for (var c = 0; c < comparisons.Length; c++)
        {
            var comparison = comparisons[c];
            var level = comparison.Level(left, right);
            total += _table.Level[c][level] + (level == comparison.TfLevel ? _table.Tf[c]![comparison.ValueId(left)] : 0f);
        }

        return total;
    }
}

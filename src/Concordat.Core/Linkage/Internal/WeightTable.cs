namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// Match weights looked up in the hot loop: per comparison and level (null is 0), and per value the
/// term-frequency adjustment log2(u / tf(value)) of the level that takes one.
/// </summary>
internal sealed class WeightTable
{
    private WeightTable(float[][] level, float[]?[] tf)
    {
        Level = level;
        Tf = tf;
    }

    public float[][] Level { get; }

    public float[]?[] Tf { get; }

    public static WeightTable Build(CompiledComparison[] comparisons, LinkageModel model)
    {
        var level = new float[comparisons.Length][];
        var tf = new float[comparisons.Length][];
        for (var c = 0; c < comparisons.Length; c++)
        {
            var levels = model.Comparisons[c].Levels;
            level[c] = new float[levels.Count + 1];
            for (var l = 0; l < levels.Count; l++)
            {
                level[c][l + 1] = (float)levels[l].Weight;
            }

            var tfLevel = comparisons[c].TfLevel;
            if (tfLevel < 0)
            {
                continue;
            }

            var column = comparisons[c].Column;
            var u = levels[tfLevel - 1].U;
            var total = (double)Math.Max(1, column.NonNullCount);
            var adjustments = new float[column.ValueCount];
            for (var v = 0; v < adjustments.Length; v++)
            {
                var frequency = Math.Max(column.Counts[v], 1) / total;
                adjustments[v] = (float)Math.Log2(u / frequency);
            }

            tf[c] = adjustments;
        }

        return new WeightTable(level, tf);
    }
}

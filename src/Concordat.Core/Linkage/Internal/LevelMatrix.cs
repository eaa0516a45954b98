namespace Concordat.Core.Linkage.Internal;

/// <summary>Computes the comparison levels of pairs: one byte per pair and comparison, pair-major, in parallel.</summary>
internal static class LevelMatrix
{
    private const int Batch = 16_384;

    public static byte[] Compute(CompiledComparison[] comparisons, RecordMatrix matrix, int[] left, int[] right, int count, CancellationToken cancellationToken)
    {
        var width = comparisons.Length;
        var levels = new byte[(long)count * width];
        var batches = (count + Batch - 1) / Batch;
        var values = matrix.Values;
        Parallel.For(0, batches, new ParallelOptions { CancellationToken = cancellationToken }, batch =>
        {
            var from = batch * Batch;
            var to = Math.Min(count, from + Batch);
            for (var p = from; p < to; p++)
            {
                // Pair at a time over the row-major ids: each row's ids sit together in memory.
                var l = (long)left[p] * width;
                var r = (long)right[p] * width;
                var o = (long)p * width;
                for (var c = 0; c < width; c++)
                {
                    levels[o + c] = comparisons[c].LevelOfValues(values[l + c], values[r + c]);
                }
            }
        });

        return levels;
    }
}

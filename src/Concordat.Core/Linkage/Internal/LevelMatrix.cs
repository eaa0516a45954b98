namespace Concordat.Core.Linkage.Internal;

/// <summary>Computes the comparison levels of pairs: one byte per pair and comparison, pair-major, in parallel.</summary>
internal static class LevelMatrix
{
    private const int Batch = 16_384;

    public static byte[] Compute(CompiledComparison[] comparisons, int[] left, int[] right, int count, CancellationToken cancellationToken)
    {
        var width = comparisons.Length;
        var levels = new byte[(long)count * width];
        var batches = (count + Batch - 1) / Batch;
        Parallel.For(0, batches, new ParallelOptions { CancellationToken = cancellationToken }, batch =>
        {
            var from = batch * Batch;
            var to = Math.Min(count, from + Batch);
            for (var c = 0; c < width; c++)
            {
                // Column at a time: one comparison's arrays stay hot in cache across the batch.
                var comparison = comparisons[c];
                for (var p = from; p < to; p++)
                {
                    levels[((long)p * width) + c] = comparison.Level(left[p], right[p]);
                }
            }
        });

        return levels;
    }
}

namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// The value ids a set of comparisons reads, row-major: row r's id for comparison c at <c>r * Width + c</c>. Scoring
/// a pair then touches one or two cache lines per row instead of one per column, which matters most for the random
/// pairs that estimate u. Immutable; safe to read from many threads.
/// </summary>
internal sealed class RecordMatrix
{
    public RecordMatrix(CompiledComparison[] comparisons, int rows)
    {
        Width = comparisons.Length;
        Values = new int[(long)rows * Width];
        Parallel.For(0, Width, c =>
        {
            var ids = comparisons[c].Ids;
            var width = Width;
            var values = Values;
            for (var r = 0; r < ids.Length; r++)
            {
                values[((long)r * width) + c] = ids[r];
            }
        });
    }

    public int Width { get; }

    public int[] Values { get; }
}

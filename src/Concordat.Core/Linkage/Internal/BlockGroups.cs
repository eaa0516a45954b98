namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// The rows of one blocking rule grouped by key: <see cref="Rows"/> holds the row numbers ordered by key (rows
/// ascending within a key), <see cref="Bounds"/> where each group of two or more begins and ends. Rows with a missing key are left out.
/// </summary>
internal sealed class BlockGroups
{
    public BlockGroups(int[] keys, int keyCount)
    {
        Keys = keys;
        var counts = new int[keyCount + 1];
        foreach (var key in keys)
        {
            if (key >= 0)
            {
                counts[key + 1]++;
            }
        }

        for (var k = 1; k <= keyCount; k++)
        {
            counts[k] += counts[k - 1];
        }

        var positions = (int[])counts.Clone();
        Rows = new int[counts[keyCount]];
        for (var row = 0; row < keys.Length; row++)
        {
            var key = keys[row];
            if (key >= 0)
            {
                Rows[positions[key]++] = row;
            }
        }

        var starts = new List<int>();
        for (var k = 0; k < keyCount; k++)
        {
            if (counts[k + 1] - counts[k] >= 2)
            {
                starts.Add(counts[k]);
                starts.Add(counts[k + 1]);
            }
        }

        Bounds = [.. starts];
    }

    /// <summary>The dense key of each row, -1 when a key part is missing.</summary>
    public int[] Keys { get; }

    public int[] Rows { get; }

    /// <summary>Start and end (exclusive) into <see cref="Rows"/> of each group of two or more, flattened.</summary>
    public int[] Bounds { get; }

    public int GroupCount => Bounds.Length / 2;
}

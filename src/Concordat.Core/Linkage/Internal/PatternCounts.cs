namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// How many pairs share each combination of levels (a comparison vector): expectation-maximisation then runs over
/// the distinct patterns, not over every pair.
/// </summary>
internal sealed class PatternCounts
{
    private PatternCounts(byte[][] patterns, long[] counts)
    {
        Patterns = patterns;
        Counts = counts;
    }

    public byte[][] Patterns { get; }

    public long[] Counts { get; }

    public long Total => Counts.Sum();

    public static PatternCounts From(byte[] levels, int width, int count)
    {
        var map = new Dictionary<UInt128, long>();
        for (var p = 0; p < count; p++)
        {
            UInt128 key = 0;
            var offset = (long)p * width;
            for (var c = 0; c < width; c++)
            {
                key = (key << 4) | levels[offset + c];
            }

            map[key] = map.GetValueOrDefault(key) + 1;
        }

        var patterns = new byte[map.Count][];
        var counts = new long[map.Count];
        var i = 0;
        foreach (var (key, n) in map.OrderBy(p => p.Key))
        {
            var pattern = new byte[width];
            var k = key;
            for (var c = width - 1; c >= 0; c--)
            {
                pattern[c] = (byte)(k & 0xF);
                k >>= 4;
            }

            patterns[i] = pattern;
            counts[i] = n;
            i++;
        }

        return new PatternCounts(patterns, counts);
    }
}

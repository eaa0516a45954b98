namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// The keys of the blocking rules that come before the one being scanned, row-major (row r's key for rule q at
/// <c>r * Stride + q</c>), so that deciding whether an earlier rule already found a pair reads one cache line per
/// row however many rules there are. Immutable.
/// </summary>
internal readonly struct EarlierRules
{
    private readonly int[] _keys;

    private EarlierRules(int[] keys, int stride, int count)
    {
        _keys = keys;
        Stride = stride;
        Count = count;
    }

    /// <summary>No earlier rule.</summary>
    public static EarlierRules None => new([], 0, 0);

    public int Stride { get; }

    /// <summary>How many earlier rules are checked.</summary>
    public int Count { get; }

    /// <summary>Every rule's keys, row-major; <see cref="Before"/> picks how many count as earlier.</summary>
    public static EarlierRules From(IReadOnlyList<int[]> keys, int rows)
    {
        var stride = keys.Count;
        var matrix = new int[(long)rows * stride];
        Parallel.For(0, stride, q =>
        {
            var column = keys[q];
            for (var r = 0; r < rows; r++)
            {
                matrix[((long)r * stride) + q] = column[r];
            }
        });

        return new EarlierRules(matrix, stride, 0);
    }

    /// <summary>Rule <paramref name="rule"/>'s key of every row, copied out.</summary>
    public int[] KeysOf(int rule)
    {
        var rows = Stride == 0 ? 0 : _keys.Length / Stride;
        var keys = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            keys[r] = _keys[((long)r * Stride) + rule];
        }

        return keys;
    }

    /// <summary>The same keys, with the first <paramref name="count"/> rules counted as earlier.</summary>
    public EarlierRules Before(int count) => new(_keys, Stride, count);

    /// <summary>Whether an earlier rule's keys agree (and are present) for both rows.</summary>
    public bool Found(int left, int right)
    {
        if (Count == 0)
        {
            return false;
        }

        var l = (long)left * Stride;
        var r = (long)right * Stride;
        for (var q = 0; q < Count; q++)
        {
            var k = _keys[l + q];
            if (k >= 0 && k == _keys[r + q])
            {
                return true;
            }
        }

        return false;
    }
}

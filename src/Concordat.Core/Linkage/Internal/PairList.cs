namespace Concordat.Core.Linkage.Internal;

/// <summary>A growable list of record pairs (left row &lt; right row) in two int arrays; one writer at a time.</summary>
internal sealed class PairList
{
    private int[] _left;
    private int[] _right;

    public PairList(int capacity = 1024)
    {
        _left = new int[Math.Max(16, capacity)];
        _right = new int[_left.Length];
    }

    public int Count { get; private set; }

    public int[] Left => _left;

    public int[] Right => _right;

    public void Add(int left, int right)
    {
        if (Count == _left.Length)
        {
            var size = (int)Math.Min(Array.MaxLength, (long)_left.Length * 2);
            Array.Resize(ref _left, size);
            Array.Resize(ref _right, size);
        }

        _left[Count] = left;
        _right[Count] = right;
        Count++;
    }

    /// <summary>Empties the list and gives its memory back.</summary>
    public void Clear()
    {
        _left = new int[16];
        _right = new int[16];
        Count = 0;
    }

    /// <summary>Concatenates lists in order into exactly sized arrays.</summary>
    public static (int[] Left, int[] Right) Concat(IReadOnlyList<PairList> lists)
    {
        var total = lists.Sum(l => (long)l.Count);
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException("Too many pairs for one array; lower the pair budget.");
        }

        var left = new int[total];
        var right = new int[total];
        var offset = 0;
        foreach (var list in lists)
        {
            Array.Copy(list._left, 0, left, offset, list.Count);
            Array.Copy(list._right, 0, right, offset, list.Count);
            offset += list.Count;
        }

        return (left, right);
    }
}

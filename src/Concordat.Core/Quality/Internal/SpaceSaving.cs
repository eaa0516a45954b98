namespace Concordat.Core.Quality.Internal;

/// <summary>
/// The Space-Saving heavy-hitters sketch (Metwally, Agrawal and El Abbadi 2005) with a fixed number of counters kept in
/// a min-heap, so each update costs O(log capacity). Guarantees, for a stream of N items and capacity m: every item
/// whose true count exceeds N / m is tracked, and each tracked item's estimate over-counts by at most its recorded
/// error, itself at most N / m. Not thread safe.
/// </summary>
internal sealed class SpaceSaving
{
    // Keyed by the item's 64-bit hash (computed once by the caller for other sketches too), which is cheaper than
    // hashing and comparing the string again; a collision (about n^2 / 2^65) would merge two items' counts.
    private readonly Dictionary<ulong, int> _slots;
    private readonly ulong[] _hashes;
    private readonly string[] _items;
    private readonly long[] _counts;
    private readonly long[] _errors;

    // Min-heap of slot numbers ordered by count; _position[slot] is the slot's index in _heap.
    private readonly int[] _heap;
    private readonly int[] _position;
    private int _used;

    public SpaceSaving(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new Dictionary<ulong, int>(capacity);
        _hashes = new ulong[capacity];
        _items = new string[capacity];
        _counts = new long[capacity];
        _errors = new long[capacity];
        _heap = new int[capacity];
        _position = new int[capacity];
    }

    /// <summary>The number of counters.</summary>
    public int Capacity { get; }

    /// <summary>Items added so far.</summary>
    public long Total { get; private set; }

    /// <summary>Adds one occurrence of <paramref name="item"/>.</summary>
    public void Add(string item) => Add(item, ValueHash.Of(item));

    /// <summary>Adds one occurrence of <paramref name="item"/> whose <see cref="ValueHash"/> is <paramref name="hash"/>.</summary>
    public void Add(string item, ulong hash)
    {
        ArgumentNullException.ThrowIfNull(item);
        Total++;
        if (_slots.TryGetValue(hash, out var slot))
        {
            _counts[slot]++;
            SiftDown(_position[slot]);
            return;
        }

        if (_used < Capacity)
        {
            slot = _used++;
            _items[slot] = item;
            _hashes[slot] = hash;
            _counts[slot] = 1;
            _errors[slot] = 0;
            _heap[slot] = slot;
            _position[slot] = slot;
            _slots.Add(hash, slot);
            SiftUp(slot);
            return;
        }

        // Replace the item with the smallest count; the newcomer inherits that count as its possible over-count.
        slot = _heap[0];
        _slots.Remove(_hashes[slot]);
        _items[slot] = item;
        _hashes[slot] = hash;
        _errors[slot] = _counts[slot];
        _counts[slot]++;
        _slots.Add(hash, slot);
        SiftDown(0);
    }

    /// <summary>Tracked items by estimated count, highest first (ties by item, ordinal): (item, estimate, maximum over-count).</summary>
    public IReadOnlyList<(string Item, long Count, long Error)> Top(int count)
    {
        var order = Enumerable.Range(0, _used)
            .OrderByDescending(s => _counts[s])
            .ThenBy(s => _items[s], StringComparer.Ordinal)
            .Take(count);
        return [.. order.Select(s => (_items[s], _counts[s], _errors[s]))];
    }

    private void SiftUp(int index)
    {
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (_counts[_heap[parent]] <= _counts[_heap[index]])
            {
                return;
            }

            Swap(index, parent);
            index = parent;
        }
    }

    private void SiftDown(int index)
    {
        while (true)
        {
            var left = (2 * index) + 1;
            if (left >= _used)
            {
                return;
            }

            var smallest = left + 1 < _used && _counts[_heap[left + 1]] < _counts[_heap[left]] ? left + 1 : left;
            if (_counts[_heap[index]] <= _counts[_heap[smallest]])
            {
                return;
            }

            Swap(index, smallest);
            index = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_heap[a], _heap[b]) = (_heap[b], _heap[a]);
        _position[_heap[a]] = a;
        _position[_heap[b]] = b;
    }
}

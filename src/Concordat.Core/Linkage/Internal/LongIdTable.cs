namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// Numbers distinct non-negative 64-bit keys 0, 1, 2... in the order first seen, in one open-addressing array (key
/// and id side by side), for combining blocking key parts: about twice as fast as a dictionary on a million keys.
/// Not thread safe.
/// </summary>
internal sealed class LongIdTable
{
    private long[] _keys;
    private int[] _ids;
    private int _mask;

    public LongIdTable(int expected)
    {
        var size = 1024;
        while (size < expected * 2L && size < 1 << 30)
        {
            size *= 2;
        }

        _keys = new long[size];
        _ids = new int[size];
        _mask = size - 1;
        Array.Fill(_keys, -1L);
    }

    public int Count { get; private set; }

    /// <summary>The id of <paramref name="key"/> (at least 0), added when new.</summary>
    public int GetOrAdd(long key)
    {
        var slot = (int)Blocker.Mix((ulong)key) & _mask;
        while (true)
        {
            var k = _keys[slot];
            if (k == key)
            {
                return _ids[slot];
            }

            if (k < 0)
            {
                _keys[slot] = key;
                _ids[slot] = Count;
                if (++Count * 2 > _keys.Length)
                {
                    Grow();
                }

                return Count - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private void Grow()
    {
        var keys = _keys;
        var ids = _ids;
        _keys = new long[keys.Length * 2];
        _ids = new int[keys.Length * 2];
        _mask = _keys.Length - 1;
        Array.Fill(_keys, -1L);
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] < 0)
            {
                continue;
            }

            var slot = (int)Blocker.Mix((ulong)keys[i]) & _mask;
            while (_keys[slot] >= 0)
            {
                slot = (slot + 1) & _mask;
            }

            _keys[slot] = keys[i];
            _ids[slot] = ids[i];
        }
    }
}

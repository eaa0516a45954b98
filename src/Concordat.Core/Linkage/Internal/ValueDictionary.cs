using System.Runtime.InteropServices;

namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// Distinct text values numbered 0, 1, 2... in the order first seen, held compactly: every value's characters in one
/// growing array, an offset per value, and an open-addressing table of ids. A million values cost their characters
/// plus about 16 bytes each, with no object per value for the garbage collector to trace or copy. Not thread safe
/// while values are added; safe to read from many threads afterwards.
/// </summary>
internal sealed class ValueDictionary
{
    private char[] _text = new char[1024];
    private int _length;
    private int[] _offsets = new int[257];

    // Each slot holds a value's hash in the high half and its id + 1 in the low half (0 = empty), so a probe reads
    // one slot and touches the characters only when the hashes agree.
    private long[] _slots = new long[512];
    private int _mask = 511;

    /// <summary>Values held.</summary>
    public int Count { get; private set; }

    /// <summary>Characters held, all values together.</summary>
    public long CharCount => _length;

    /// <summary>The characters of value <paramref name="id"/>.</summary>
    public ReadOnlySpan<char> this[int id] => _text.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>Value <paramref name="id"/> as a new string.</summary>
    public string ToString(int id) => new(this[id]);

    /// <summary>The id of <paramref name="value"/>, or -1.</summary>
    public int Find(ReadOnlySpan<char> value)
    {
        var hash = Hash(value);
        for (var slot = hash & _mask; ; slot = (slot + 1) & _mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            var id = (int)entry - 1;
            if ((int)(entry >> 32) == hash && this[id].SequenceEqual(value))
            {
                return id;
            }
        }
    }

    /// <summary>The id of <paramref name="value"/>, added when new (then <paramref name="added"/> is true).</summary>
    public int GetOrAdd(ReadOnlySpan<char> value, out bool added)
    {
        var hash = Hash(value);
        var slot = hash & _mask;
        for (; ; slot = (slot + 1) & _mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                break;
            }

            var id = (int)entry - 1;
            if ((int)(entry >> 32) == hash && this[id].SequenceEqual(value))
            {
                added = false;
                return id;
            }
        }

        added = true;
        var newId = Count;
        if (_length + value.Length > _text.Length)
        {
            Array.Resize(ref _text, (int)Math.Min(Array.MaxLength, Math.Max((long)_text.Length * 2, (long)_length + value.Length)));
        }

        if (newId + 2 > _offsets.Length)
        {
            Array.Resize(ref _offsets, (int)Math.Min(Array.MaxLength, ((long)_offsets.Length * 2) - 1));
        }

        value.CopyTo(_text.AsSpan(_length));
        _offsets[newId] = _length;
        _length += value.Length;
        _offsets[newId + 1] = _length;
        _slots[slot] = ((long)hash << 32) | (uint)(newId + 1);
        Count++;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return newId;
    }

    /// <summary>Every value as a string (for the few callers that need strings: derived codes, reports).</summary>
    public string[] ToStrings()
    {
        var strings = new string[Count];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = ToString(i);
        }

        return strings;
    }

    /// <summary>Gives back spare capacity once every value is in.</summary>
    public void Trim()
    {
        Array.Resize(ref _text, _length);
        Array.Resize(ref _offsets, Count + 1);
    }

    /// <summary>Approximate bytes held.</summary>
    public long Bytes => (2L * _text.Length) + (4L * _offsets.Length) + (8L * _slots.Length);

    private void Grow()
    {
        var slots = new long[_slots.Length * 2];
        var mask = slots.Length - 1;
        foreach (var entry in _slots)
        {
            if (entry == 0)
            {
                continue;
            }

            var slot = (int)(entry >> 32) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry;
        }

        _slots = slots;
        _mask = mask;
    }

    // FNV-1a over 64-bit words, finished with a SplitMix step: fast, deterministic, and well spread in the low bits
    // the table uses.
    private static int Hash(ReadOnlySpan<char> value)
    {
        var bytes = MemoryMarshal.AsBytes(value);
        var h = 14695981039346656037UL ^ (ulong)value.Length;
        var i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            h = (h ^ MemoryMarshal.Read<ulong>(bytes[i..])) * 1099511628211UL;
        }

        for (; i < bytes.Length; i++)
        {
            h = (h ^ bytes[i]) * 1099511628211UL;
        }

        return (int)(Blocker.Mix(h) & 0x7FFFFFFF);
    }
}

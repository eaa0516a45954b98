using System.IO.Hashing;
using System.Text;

namespace Concordat.Core.Quality.Internal;

/// <summary>
/// Decodes a field's UTF-8 values to strings, reusing the string for a value seen before, so low-cardinality
/// fields (status codes, towns, given names) do not allocate a string per record. Switches itself off for a field
/// whose values rarely repeat. One instance per field; not thread safe.
/// </summary>
internal sealed class ValueCache
{
    private const int MaxEntries = 1024;
    private const int MaxValueBytes = 64;
    private const int TrialLookups = 4096;
    private readonly Dictionary<ulong, (byte[] Utf8, string Text)> _entries = [];
    private int _lookups;
    private int _hits;
    private bool _off;

    public string Decode(ReadOnlySpan<byte> utf8)
    {
        if (_off || utf8.Length > MaxValueBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var hash = XxHash3.HashToUInt64(utf8);
        _lookups++;
        if (_entries.TryGetValue(hash, out var entry) && utf8.SequenceEqual(entry.Utf8))
        {
            _hits++;
            return entry.Text;
        }

        if (_lookups == TrialLookups && _hits * 2 < TrialLookups)
        {
            // Fewer than half of the first lookups were repeats: a high-cardinality field, where caching only costs.
            _off = true;
            _entries.Clear();
        }

        var text = Encoding.UTF8.GetString(utf8);
        if (!_off && _entries.Count < MaxEntries)
        {
            _entries[hash] = (utf8.ToArray(), text);
        }

        return text;
    }
}

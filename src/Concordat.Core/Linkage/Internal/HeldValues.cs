namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// The distinct standardised values one column of a <see cref="PersonMatchIndex"/> holds: an id per value (records
/// keep ids, not strings), how many held records have it (the term frequencies), and its codes computed once when
/// it first arrives. An id whose last record leaves is reused. Not thread-safe: the index guards it.
/// </summary>
internal sealed class HeldValues(ColumnRole role, IReadOnlySet<ComparisonLevelKind> kinds)
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<ValueFeatures?> _features = [];
    private readonly List<int> _counts = [];
    private readonly Stack<int> _free = new();

    /// <summary>Held records with a value in this column.</summary>
    public long Total { get; private set; }

    /// <summary>The value with id <paramref name="id"/>; null for -1 (missing).</summary>
    public ValueFeatures? this[int id] => id < 0 ? null : _features[id];

    /// <summary>Counts one more record with <paramref name="value"/> and returns its id; -1 for a missing value.</summary>
    public int Add(string? value)
    {
        if (value is null)
        {
            return -1;
        }

        if (!_ids.TryGetValue(value, out var id))
        {
            var features = new ValueFeatures(value, role, kinds);
            if (_free.TryPop(out id))
            {
                _features[id] = features;
                _counts[id] = 0;
            }
            else
            {
                id = _features.Count;
                _features.Add(features);
                _counts.Add(0);
            }

            _ids[value] = id;
        }

        _counts[id]++;
        Total++;
        return id;
    }

    /// <summary>Counts one record fewer with value <paramref name="id"/>; the value goes when none is left.</summary>
    public void Release(int id)
    {
        if (id < 0)
        {
            return;
        }

        Total--;
        if (--_counts[id] == 0)
        {
            _ids.Remove(_features[id]!.Value);
            _features[id] = null;
            _free.Push(id);
        }
    }

    /// <summary>Held records with <paramref name="value"/>.</summary>
    public int Count(string value) => _ids.TryGetValue(value, out var id) ? _counts[id] : 0;

    /// <summary>The held value's codes, or those of a value not held computed now.</summary>
    public ValueFeatures Features(string value) => _ids.TryGetValue(value, out var id) ? _features[id]! : new ValueFeatures(value, role, kinds);
}

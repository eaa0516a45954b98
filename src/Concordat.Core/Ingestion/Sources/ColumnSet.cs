namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// The column names of a source with the lookup <see cref="IRecordSource.GetOrdinal"/> promises: exact ordinal
/// match first, then case-insensitive; the first of duplicate names wins. Immutable and thread safe.
/// </summary>
internal sealed class ColumnSet
{
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ignoreCase = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the set from names in column order.</summary>
    public ColumnSet(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = names;
        for (var i = 0; i < names.Count; i++)
        {
            _exact.TryAdd(names[i], i);
            _ignoreCase.TryAdd(names[i], i);
        }
    }

    /// <summary>An empty set, for a source with no columns (an empty file).</summary>
    public static ColumnSet Empty { get; } = new([]);

    /// <summary>The names in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The index of <paramref name="column"/>, or -1.</summary>
    public int GetOrdinal(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return _exact.TryGetValue(column, out var index) ? index
            : _ignoreCase.TryGetValue(column, out index) ? index
            : -1;
    }
}

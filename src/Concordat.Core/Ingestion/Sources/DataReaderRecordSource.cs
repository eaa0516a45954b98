using System.Data.Common;
using System.Globalization;

namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// Adapts a <see cref="DbDataReader"/> from any ADO.NET provider (a table or query in another database) to
/// <see cref="IRecordSource"/>, turning each value into invariant text. Not thread safe.
/// </summary>
/// <remarks>
/// Conversions: database null is null; strings as they are; <see cref="DateTime"/> as ISO 8601
/// (<c>yyyy-MM-dd</c> when the time is midnight and the kind unspecified, as a SQL <c>date</c> column reads,
/// otherwise with the time, and <c>Z</c> for UTC); <see cref="DateTimeOffset"/> with its offset;
/// <see cref="DateOnly"/> and <see cref="TimeOnly"/> in ISO 8601; numbers in the invariant culture (shortest
/// round-trip text for floating point); booleans as <c>true</c>/<c>false</c>; byte arrays as base64; GUIDs in
/// the 36-character form. <see cref="RowNumber"/> counts rows from 1, <see cref="BytesRead"/> is always 0 and
/// <see cref="RowError"/> always null. The source owns the reader and disposes it.
/// </remarks>
public sealed class DataReaderRecordSource : IRecordSource
{
    private readonly DbDataReader _reader;
    private readonly ColumnSet _columns;

    /// <summary>Wraps <paramref name="reader"/>, taking ownership of it.</summary>
    /// <param name="reader">An open reader positioned before its first row.</param>
    public DataReaderRecordSource(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
        var names = new string[reader.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader.GetName(i);
        }

        _columns = new ColumnSet(names);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => _columns.Names;

    /// <inheritdoc />
    public long RowNumber { get; private set; }

    /// <inheritdoc />
    public long BytesRead => 0;

    /// <inheritdoc />
    public string? RowError => null;

    /// <inheritdoc />
    public bool Read()
    {
        if (!_reader.Read())
        {
            return false;
        }

        RowNumber++;
        return true;
    }

    /// <inheritdoc />
    public string? GetValue(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, _columns.Names.Count);
        return _reader.IsDBNull(ordinal) ? null : ToInvariantText(_reader.GetValue(ordinal));
    }

    /// <inheritdoc />
    public int GetOrdinal(string column) => _columns.GetOrdinal(column);

    /// <summary>Disposes the data reader.</summary>
    public void Dispose() => _reader.Dispose();

    /// <summary>The invariant text of a provider value, as described in the class remarks.</summary>
    internal static string? ToInvariantText(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        DateTime { TimeOfDay.Ticks: 0, Kind: DateTimeKind.Unspecified } d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        Guid g => g.ToString("D"),
        char c => c.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

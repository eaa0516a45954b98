using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// Adapts a <see cref="DbDataReader"/> from any ADO.NET provider (a table or query in another database) to
/// <see cref="IRecordSource"/>, turning each value into invariant text. Not thread safe.
/// </summary>
/// <remarks>
/// <para>
/// Conversions: database null is null; strings as they are; <see cref="DateTime"/> as ISO 8601
/// (<c>yyyy-MM-dd</c> when the time is midnight and the kind unspecified, as a SQL <c>date</c> column reads,
/// otherwise with the time, and <c>Z</c> for UTC); <see cref="DateTimeOffset"/> with its offset;
/// <see cref="DateOnly"/> and <see cref="TimeOnly"/> in ISO 8601; numbers in the invariant culture (shortest
/// round-trip text for floating point); booleans as <c>true</c>/<c>false</c>; byte arrays as base64; GUIDs in
/// the 36-character form. <see cref="RowNumber"/> counts rows from 1 and <see cref="BytesRead"/> is always 0.
/// </para>
/// <para>
/// A value the provider cannot hand over as any .NET type (a PostgreSQL <c>numeric</c> beyond
/// <see cref="decimal"/>'s range or precision, or NaN) makes its row a <see cref="RowError"/> naming the column, so
/// the row is quarantined and the run goes on; a whole number beyond <see cref="decimal"/> is read through
/// <see cref="BigInteger"/> instead and kept as its exact digits. Only the columns looked up with
/// <see cref="GetOrdinal"/> (the ones a mapping reads) are read, or every column when none was. The source owns the
/// reader and disposes it.
/// </para>
/// </remarks>
public sealed class DataReaderRecordSource : IRecordSource
{
    private readonly DbDataReader _reader;
    private readonly ColumnSet _columns;
    private readonly string?[] _values;
    private readonly bool[] _wanted;
    private bool _anyWanted;

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
        _values = new string?[names.Length];
        _wanted = new bool[names.Length];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => _columns.Names;

    /// <inheritdoc />
    public long RowNumber { get; private set; }

    /// <inheritdoc />
    public long BytesRead => 0;

    /// <inheritdoc />
    public string? RowError { get; private set; }

    /// <inheritdoc />
    public bool Read()
    {
        Array.Clear(_values);
        RowError = null;
        if (!_reader.Read())
        {
            return false;
        }

        RowNumber++;
        List<string>? errors = null;
        for (var i = 0; i < _values.Length; i++)
        {
            if (_anyWanted && !_wanted[i])
            {
                continue;
            }

            if (!TryRead(i, out _values[i], out var error))
            {
                (errors ??= []).Add(error);
            }
        }

        RowError = errors is null ? null : string.Join("; ", errors);
        return true;
    }

    /// <inheritdoc />
    public string? GetValue(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, _columns.Names.Count);
        return _values[ordinal];
    }

    /// <inheritdoc />
    public int GetOrdinal(string column)
    {
        var ordinal = _columns.GetOrdinal(column);
        if (ordinal >= 0 && RowNumber == 0)
        {
            _wanted[ordinal] = true;
            _anyWanted = true;
        }

        return ordinal;
    }

    private bool TryRead(int ordinal, out string? value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        value = null;
        try
        {
            value = _reader.IsDBNull(ordinal) ? null : ToInvariantText(_reader.GetValue(ordinal));
            return true;
        }
        catch (Exception ex) when (ex is OverflowException or InvalidCastException)
        {
            try
            {
                // A whole number too large for decimal still has exact digits to keep.
                value = _reader.GetFieldValue<BigInteger>(ordinal).ToString(CultureInfo.InvariantCulture);
                return true;
            }
            catch (Exception fallback) when (fallback is OverflowException or InvalidCastException or NotSupportedException)
            {
                error = $"column '{_columns.Names[ordinal]}': the database value cannot be read ({ex.Message.Split('\n', 2)[0].Trim()}); cast it to text in the query to load it as written";
                return false;
            }
        }
    }

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

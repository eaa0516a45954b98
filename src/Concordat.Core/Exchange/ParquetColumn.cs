using System.Globalization;
using Concordat.Core.Catalogue;
using Parquet;
using Parquet.Schema;

namespace Concordat.Core.Exchange;

/// <summary>
/// One typed column of a Parquet extract, buffering a row group: strings as UTF-8 strings, integers as INT64, numbers as
/// DECIMAL(38, s), booleans as BOOLEAN, dates as DATE and date-times as UTC timestamps in microseconds. Every column is
/// optional, so a missing value stays a null. Not thread safe.
/// </summary>
internal abstract class ParquetColumn
{
    protected ParquetColumn(string name) => Name = name;

    public string Name { get; }

    public static ParquetColumn For(string name, FieldType type) => type switch
    {
        FieldType.Integer => new Typed<long>(name, static n => new DataField<long?>(n, true), static t => long.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
        FieldType.Number => new DecimalColumn(name),
        FieldType.Boolean => new Typed<bool>(name, static n => new DataField<bool?>(n, true), static t => bool.Parse(t)),
        FieldType.Date => new Typed<DateTime>(name, static n => new DateTimeDataField(n, DateTimeFormat.Date, isNullable: true),
            static t => DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
        FieldType.DateTime => new Typed<DateTime>(name, static n => new DateTimeDataField(n, DateTimeFormat.Timestamp, true, DateTimeTimeUnit.Micros, true),
            static t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime),
        _ => new TextColumn(name),
    };

    /// <summary>Buffers one value given as its stored text; null for a missing value.</summary>
    public abstract void Add(string? text);

    /// <summary>The column's schema field (fixed once the first row group is written).</summary>
    public abstract DataField Field();

    /// <summary>Writes the buffered values as this column of <paramref name="group"/> and clears the buffer.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken);

    protected InvalidDataException NotOfType(string type) => new($"A stored value of field '{Name}' is not {type}; the extract was not written.");

    private sealed class TextColumn(string name) : ParquetColumn(name)
    {
        private readonly List<string?> _values = [];
        private DataField? _field;

        public override void Add(string? text) => _values.Add(text);

        public override DataField Field() => _field ??= new DataField<string>(Name, true);

        public override async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
        {
            await group.WriteAsync(Field(), _values, null);
            _values.Clear();
        }
    }

    private sealed class Typed<T>(string name, Func<string, DataField> field, Func<string, T> parse) : ParquetColumn(name)
        where T : struct
    {
        private readonly List<T?> _values = [];
        private DataField? _field;

        public override void Add(string? text)
        {
            if (text is null)
            {
                _values.Add(null);
                return;
            }

            try
            {
                _values.Add(parse(text));
            }
            catch (FormatException)
            {
                throw NotOfType(typeof(T).Name);
            }
            catch (OverflowException)
            {
                throw NotOfType(typeof(T).Name);
            }
        }

        public override DataField Field() => _field ??= field(Name);

        public override async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
        {
            await group.WriteAsync<T>(Field(), _values.ToArray(), null, null, cancellationToken);
            _values.Clear();
        }
    }

    private sealed class DecimalColumn(string name) : ParquetColumn(name)
    {
        private const int Precision = 38;
        private readonly List<decimal?> _values = [];
        private DecimalDataField? _field;

        public override void Add(string? text)
        {
            if (text is null)
            {
                _values.Add(null);
            }
            else if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                _values.Add(value);
            }
            else
            {
                throw NotOfType("a number");
            }
        }

        public override DataField Field() =>
            _field ??= new DecimalDataField(Name, Precision, _values.Max(v => v is { } d ? (int?)d.Scale : null) ?? 0, isNullable: true);

        public override async Task WriteAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
        {
            var field = (DecimalDataField)Field();
            foreach (var value in _values)
            {
                // A later row group cannot widen the scale fixed by the first; refuse rather than round a value away.
                if (value is { } d && decimal.Round(d, field.Scale) != d)
                {
                    throw new InvalidDataException($"Field '{Name}' has a value with more than {field.Scale} decimal places after the first {50_000} rows; the extract was not written.");
                }
            }

            await group.WriteAsync<decimal>(field, _values.ToArray(), null, null, cancellationToken);
            _values.Clear();
        }
    }
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;

namespace Concordat.Core.Exchange;

/// <summary>Writes shaped records to an extract stream in one format. Not thread safe; one per extract.</summary>
internal abstract class ExtractWriter : IAsyncDisposable
{
    protected ExtractWriter(Stream output, IReadOnlyList<string> fields)
    {
        Output = output;
        Fields = fields;
    }

    protected Stream Output { get; }

    protected IReadOnlyList<string> Fields { get; }

    /// <summary>A writer of <paramref name="format"/>; Parquet columns are typed from each field's type (text once transformed).</summary>
    public static ExtractWriter Create(ExtractFormat format, Stream output, IReadOnlyList<ExtractField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var names = fields.Select(f => f.Name).ToArray();
        return format switch
        {
            ExtractFormat.Csv => new CsvWriter(output, names),
            ExtractFormat.Ndjson => new NdjsonWriter(output, names),
            ExtractFormat.Parquet => new ParquetExtractWriter(output, fields),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    public abstract ValueTask WriteAsync(JsonObject record, CancellationToken cancellationToken);

    public abstract ValueTask CompleteAsync(CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class CsvWriter : ExtractWriter
    {
        private readonly StreamWriter _writer;

        public CsvWriter(Stream output, IReadOnlyList<string> fields)
            : base(output, fields)
        {
            _writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
            _writer.WriteLine(string.Join(',', fields.Select(Quote)));
        }

        public override async ValueTask WriteAsync(JsonObject record, CancellationToken cancellationToken)
        {
            for (var i = 0; i < Fields.Count; i++)
            {
                if (i > 0)
                {
                    _writer.Write(',');
                }

                if (RecordShaper.Text(record[Fields[i]]) is { } value)
                {
                    _writer.Write(Quote(value));
                }
            }

            await _writer.WriteLineAsync().WaitAsync(cancellationToken);
        }

        public override async ValueTask CompleteAsync(CancellationToken cancellationToken) => await _writer.FlushAsync(cancellationToken);

        public override async ValueTask DisposeAsync()
        {
            await _writer.DisposeAsync();
            await base.DisposeAsync();
        }

        // RFC 4180: quote a value holding a comma, quote, CR or LF, doubling inner quotes. An empty string is quoted so
        // it differs from a missing value.
        private static string Quote(string value) =>
            value.Length == 0 || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private sealed class NdjsonWriter : ExtractWriter
    {
        private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private static readonly byte[] NewLine = "\n"u8.ToArray();
        private readonly Utf8JsonWriter _json;

        public NdjsonWriter(Stream output, IReadOnlyList<string> fields)
            : base(output, fields) => _json = new Utf8JsonWriter(output, Options);

        public override async ValueTask WriteAsync(JsonObject record, CancellationToken cancellationToken)
        {
            _json.WriteStartObject();
            foreach (var field in Fields)
            {
                if (record[field] is { } value)
                {
                    _json.WritePropertyName(field);
                    value.WriteTo(_json);
                }
            }

            _json.WriteEndObject();
            await _json.FlushAsync(cancellationToken);
            _json.Reset();
            await Output.WriteAsync(NewLine, cancellationToken);
        }

        public override async ValueTask CompleteAsync(CancellationToken cancellationToken) => await _json.FlushAsync(cancellationToken);

        public override async ValueTask DisposeAsync()
        {
            await _json.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private sealed class ParquetExtractWriter : ExtractWriter
    {
        private const int RowGroupSize = 50_000;
        private readonly ParquetColumn[] _columns;
        private int _buffered;
        private ParquetWriter? _writer;

        public ParquetExtractWriter(Stream output, IReadOnlyList<ExtractField> fields)
            : base(output, fields.Select(f => f.Name).ToArray()) =>
            _columns = fields.Select(f => ParquetColumn.For(f.Name, f.Type)).ToArray();

        public override async ValueTask WriteAsync(JsonObject record, CancellationToken cancellationToken)
        {
            for (var i = 0; i < Fields.Count; i++)
            {
                _columns[i].Add(RecordShaper.Text(record[Fields[i]]));
            }

            if (++_buffered >= RowGroupSize)
            {
                await FlushAsync(cancellationToken);
            }
        }

        public override async ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            // A file with no rows still gets its schema, so a consumer can read an empty extract.
            if (_buffered > 0 || _writer is null)
            {
                await FlushAsync(cancellationToken);
            }

            if (_writer is not null)
            {
                await _writer.DisposeAsync();
                _writer = null;
            }
        }

        public override async ValueTask DisposeAsync()
        {
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
                _writer = null;
            }

            await base.DisposeAsync();
        }

        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            // The schema is fixed by the first row group: a decimal column takes the largest scale it holds.
            _writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(_columns.Select(c => c.Field()).ToArray()), Output, cancellationToken: cancellationToken);
            using var group = _writer.CreateRowGroup();
            foreach (var column in _columns)
            {
                await column.WriteAsync(group, cancellationToken);
            }

            group.CompleteValidate();
            _buffered = 0;
        }
    }
}

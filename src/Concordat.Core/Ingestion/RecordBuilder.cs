using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Concordat.Core.Catalogue;

namespace Concordat.Core.Ingestion;

/// <summary>
/// Turns the current row of a source into a <see cref="PreparedRow"/>: transforms, validates, builds the key and
/// the canonical JSON payload. Reuses its buffers, so one instance serves one thread; dispose it when that thread
/// is done.
/// </summary>
internal sealed class RecordBuilder : IDisposable
{
    // Relaxed escaping keeps names such as O'Brien and Brontë readable in stored JSON; payloads are served as
    // application/json, never embedded in HTML, so HTML-sensitive characters need no escaping here.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly CompiledMapping _mapping;
    private readonly int[] _ordinals;
    private readonly string?[] _canonical;
    private readonly List<string> _reasons = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    // Reused for every row: the one-shot SHA256.HashData sets up and tears down a native digest context per call,
    // which showed as a fifth of the payload's cost in the ingest trace.
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly JsonEncodedText[] _names;
    private readonly StringBuilder _key = new();

    public RecordBuilder(CompiledMapping mapping, int[] ordinals)
    {
        _mapping = mapping;
        _ordinals = ordinals;
        _canonical = new string?[mapping.Fields.Length];
        _names = mapping.Fields.Select(f => JsonEncodedText.Encode(f.Validator.Name)).ToArray();
        _writer = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _sha256.Dispose();
    }

    public PreparedRow Build(IRecordSource source)
    {
        _reasons.Clear();
        if (source.RowError is { } rowError)
        {
            _reasons.Add(rowError);
            return Failed(source, key: null);
        }

        var fields = _mapping.Fields;
        for (var i = 0; i < fields.Length; i++)
        {
            var plan = fields[i];
            var value = plan.SourceColumn < 0 ? null : source.GetValue(_ordinals[plan.SourceColumn]);
            var ok = true;
            foreach (var transform in plan.Transforms)
            {
                if (!transform.TryApply(value, out value, out var failure))
                {
                    _reasons.Add($"{plan.Validator.Name}: {failure}");
                    ok = false;
                    break;
                }
            }

            _canonical[i] = null;
            if (ok)
            {
                if (plan.Validator.TryValidate(value, plan.ArrivesNormalised, out var canonical, out var reason))
                {
                    _canonical[i] = canonical;
                }
                else
                {
                    _reasons.Add(reason!);
                }
            }
        }

        var key = BuildKey();
        if (_reasons.Count > 0)
        {
            return Failed(source, key);
        }

        var content = RecordContent.FromUtf8(WritePayload(), _sha256);
        if (key is null)
        {
            if (_mapping.KeyFields.Length > 0)
            {
                _reasons.Add("The record key is empty: " + string.Join(", ", _mapping.Schema.PrimaryKey) + " must have a value.");
                return Failed(source, key: null);
            }

            // Keyless datasets: the content is the identity, so an identical row is the same record.
            key = Convert.ToHexStringLower(content.Hash.AsSpan(0, 16));
        }

        return new PreparedRow { RowNumber = source.RowNumber, Key = key, Content = content };
    }

    private string? BuildKey()
    {
        if (_mapping.KeyFields.Length == 0)
        {
            return null;
        }

        if (_mapping.KeyFields.Length == 1)
        {
            return _canonical[_mapping.KeyFields[0]];
        }

        _key.Clear();
        foreach (var index in _mapping.KeyFields)
        {
            var part = _canonical[index];
            if (part is null)
            {
                return null;
            }

            if (_key.Length > 0)
            {
                _key.Append('|');
            }

            // Escape the separator so that composite keys cannot collide.
            _key.Append(part.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal));
        }

        return _key.ToString();
    }

    private ReadOnlySpan<byte> WritePayload()
    {
        // One writer per builder, reset for each row: a new writer per row was an object and its state per row.
        _buffer.ResetWrittenCount();
        var writer = _writer;
        writer.Reset(_buffer);
        writer.WriteStartObject();
        var fields = _mapping.Fields;
        for (var i = 0; i < fields.Length; i++)
        {
            var value = _canonical[i];
            if (value is null)
            {
                continue;
            }

            writer.WritePropertyName(_names[i]);
            switch (fields[i].Validator.Type)
            {
                case FieldType.Integer or FieldType.Number or FieldType.Boolean:
                    // Canonical text of these types is already a valid JSON literal.
                    writer.WriteRawValue(value, skipInputValidation: true);
                    break;
                default:
                    writer.WriteStringValue(value);
                    break;
            }
        }

        writer.WriteEndObject();
        writer.Flush();
        return _buffer.WrittenSpan;
    }

    private PreparedRow Failed(IRecordSource source, string? key)
    {
        var columns = _mapping.SourceColumns;
        var values = new KeyValuePair<string, string?>[columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new(columns[i], source.GetValue(_ordinals[i]));
        }

        return new PreparedRow { RowNumber = source.RowNumber, Key = key, SourceValues = values, Reasons = _reasons.ToArray() };
    }
}

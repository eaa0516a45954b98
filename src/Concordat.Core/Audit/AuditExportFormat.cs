using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Concordat.Core.Audit;

/// <summary>
/// The export format, <c>concordat-audit-export/1</c>: newline-delimited JSON, a header line, then the entries in
/// index order, each checkpoint right after the entry that completes its tree size. Entry lines carry the entry's
/// members (camelCase, nulls omitted, time to the microsecond, subject keys in hex) and the leaf hash the hub stored;
/// checkpoint lines carry the signed fields (root hash and signature in base64). Pure; thread safe.
/// </summary>
public static class AuditExportFormat
{
    /// <summary>The format name in the header.</summary>
    public const string FormatName = "concordat-audit-export/1";

    private const string EntryTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>How a checkpoint's time is written, in JSON and in the signed note: UTC to the millisecond.</summary>
    public const string CheckpointTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>Writes the header line (with its line feed).</summary>
    public static void WriteHeader(IBufferWriter<byte> output, AuditExportHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("type", "header");
        json.WriteString("format", header.Format);
        json.WriteString("origin", header.Origin);
        json.WriteNumber("treeSize", header.TreeSize);
        json.WriteString("keyId", header.KeyId);
        json.WriteEndObject();
        json.Flush();
        NewLine(output);
    }

    /// <summary>Writes an entry line.</summary>
    public static void WriteEntry(IBufferWriter<byte> output, LoggedAuditEntry logged)
    {
        ArgumentNullException.ThrowIfNull(logged);
        var entry = logged.Entry;
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("type", "entry");
        json.WriteNumber("index", logged.Index);
        json.WriteString("time", entry.Time.UtcDateTime.ToString(EntryTimeFormat, CultureInfo.InvariantCulture));
        json.WriteString("clientId", entry.ClientId);
        json.WriteString("organisationId", entry.OrganisationId);
        WriteOptional(json, "agreementId", entry.AgreementId);
        json.WriteString("purpose", entry.Purpose);
        json.WriteString("action", entry.Action);
        WriteOptional(json, "datasetId", entry.DatasetId);
        json.WriteStartArray("fields");
        foreach (var field in entry.Fields)
        {
            json.WriteStringValue(field);
        }

        json.WriteEndArray();
        json.WriteString("outcome", entry.Outcome == AuditOutcome.Permitted ? "permitted" : "denied");
        WriteOptional(json, "reasonCode", entry.ReasonCode);
        json.WriteStartArray("subjectKeys");
        foreach (var key in entry.SubjectKeys)
        {
            json.WriteStringValue(key.ToString());
        }

        json.WriteEndArray();
        WriteOptional(json, "traceId", entry.TraceId);
        if (entry.Evidence is { } evidence)
        {
            json.WriteString("exchangePeer", evidence.PeerOrganisationId);
            json.WriteString("exchangeId", evidence.ExchangeId);
            json.WriteString("requestDigest", Convert.ToHexStringLower(evidence.RequestDigest.Span));
            if (evidence.ResponseDigest is { } response)
            {
                json.WriteString("responseDigest", Convert.ToHexStringLower(response.Span));
            }
        }

        json.WriteString("leafHash", Convert.ToHexStringLower(logged.LeafHash));
        json.WriteEndObject();
        json.Flush();
        NewLine(output);
    }

    /// <summary>Writes a checkpoint line.</summary>
    public static void WriteCheckpoint(IBufferWriter<byte> output, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var json = new Utf8JsonWriter(output, WriterOptions);
        WriteCheckpointObject(json, checkpoint, withType: true);
        json.Flush();
        NewLine(output);
    }

    /// <summary>Writes a checkpoint as a JSON object (the API's and <c>--checkpoint</c> file's form).</summary>
    public static void WriteCheckpointObject(Utf8JsonWriter json, Checkpoint checkpoint, bool withType)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(checkpoint);
        json.WriteStartObject();
        if (withType)
        {
            json.WriteString("type", "checkpoint");
        }

        json.WriteString("origin", checkpoint.Origin);
        json.WriteNumber("treeSize", checkpoint.TreeSize);
        json.WriteString("rootHash", Convert.ToBase64String(checkpoint.RootHash));
        json.WriteString("time", checkpoint.Time.UtcDateTime.ToString(CheckpointTimeFormat, CultureInfo.InvariantCulture));
        json.WriteString("keyId", checkpoint.KeyId);
        json.WriteString("signature", Convert.ToBase64String(checkpoint.Signature));
        json.WriteEndObject();
    }

    /// <summary>Parses one line (without its line feed).</summary>
    /// <exception cref="FormatException">The line is not valid JSON of one of the three kinds, or a member is malformed.</exception>
    public static AuditExportLine ReadLine(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            var parsed = new Members();
            Expect(ref reader, JsonTokenType.StartObject);
            while (Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
            {
                parsed.Read(ref reader);
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new FormatException("The line holds more than one JSON object.");
            }

            return parsed.Build();
        }
        catch (JsonException ex)
        {
            throw new FormatException("The line is not valid JSON: " + ex.Message, ex);
        }
    }

    /// <summary>Parses a checkpoint JSON object as the API returns it (with or without <c>type</c>).</summary>
    public static Result<Checkpoint> ReadCheckpoint(ReadOnlySpan<byte> json)
    {
        try
        {
            var line = ReadLineAllowingMissingType(json);
            return line.Checkpoint is { } checkpoint
                ? checkpoint
                : Error.Validation("checkpoint.malformed", "The JSON is not a checkpoint.");
        }
        catch (FormatException ex)
        {
            return Error.Validation("checkpoint.malformed", ex.Message);
        }
    }

    private static AuditExportLine ReadLineAllowingMissingType(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            var parsed = new Members { Type = "checkpoint" };
            Expect(ref reader, JsonTokenType.StartObject);
            while (Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
            {
                parsed.Read(ref reader);
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new FormatException("The file holds more than one JSON object.");
            }

            return parsed.Build();
        }
        catch (JsonException ex)
        {
            throw new FormatException("Not valid JSON: " + ex.Message, ex);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void NewLine(IBufferWriter<byte> output)
    {
        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
    }

    private static bool Next(ref Utf8JsonReader reader) => reader.Read() ? true : throw new FormatException("The line ends early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new FormatException($"Expected {type}.");
        }
    }

    /// <summary>The members of any line kind, filled in as they come (order free), checked when built.</summary>
    private sealed class Members
    {
        private readonly List<string> _fields = [];
        private readonly List<SubjectKey> _keys = [];
        private bool _hasFields;
        private bool _hasKeys;
        private long? _index;
        private long? _treeSize;
        private DateTimeOffset? _time;
        private string? _format;
        private string? _origin;
        private string? _keyId;
        private string? _clientId;
        private string? _organisationId;
        private string? _agreementId;
        private string? _purpose;
        private string? _action;
        private string? _datasetId;
        private string? _outcome;
        private string? _reasonCode;
        private string? _traceId;
        private string? _exchangePeer;
        private string? _exchangeId;
        private byte[]? _requestDigest;
        private byte[]? _responseDigest;
        private string? _timeText;
        private string? _note;
        private int _seen;
        private byte[]? _leafHash;
        private byte[]? _rootHash;
        private byte[]? _signature;

        public string? Type { get; set; }

        public void Read(ref Utf8JsonReader reader)
        {
            var name = MemberName(ref reader);
            // A member given twice is refused: parsers disagree on which copy wins, so such a line could be read two
            // ways (RFC 8259 section 4 leaves the behaviour open).
            var known = Array.IndexOf(KnownNames, name);
            if (known >= 0)
            {
                if ((_seen & (1 << known)) != 0)
                {
                    throw new FormatException($"Duplicate member '{name}'.");
                }

                _seen |= 1 << known;
            }

            Expect(ref reader, name is "index" or "treeSize" ? JsonTokenType.Number : name is "fields" or "subjectKeys" ? JsonTokenType.StartArray : JsonTokenType.String);
            switch (name)
            {
                case "type": Type = reader.GetString(); break;
                case "format": _format = reader.GetString(); break;
                case "origin": _origin = reader.GetString(); break;
                case "keyId": _keyId = reader.GetString(); break;
                case "index": _index = reader.TryGetInt64(out var index) ? index : throw new FormatException("index is not an integer."); break;
                case "treeSize": _treeSize = reader.TryGetInt64(out var size) ? size : throw new FormatException("treeSize is not an integer."); break;
                case "time":
                    _time = reader.TryGetDateTimeOffset(out var time) ? time : throw new FormatException("time is not an ISO 8601 instant.");
                    _timeText = reader.GetString();
                    break;
                case "note": _note = reader.GetString(); break;
                case "clientId": _clientId = reader.GetString(); break;
                case "organisationId": _organisationId = reader.GetString(); break;
                case "agreementId": _agreementId = reader.GetString(); break;
                case "purpose": _purpose = reader.GetString(); break;
                case "action": _action = reader.GetString(); break;
                case "datasetId": _datasetId = reader.GetString(); break;
                case "outcome": _outcome = reader.GetString(); break;
                case "reasonCode": _reasonCode = reader.GetString(); break;
                case "traceId": _traceId = reader.GetString(); break;
                case "exchangePeer": _exchangePeer = reader.GetString(); break;
                case "exchangeId": _exchangeId = reader.GetString(); break;
                case "requestDigest": _requestDigest = Hex(reader.GetString(), "requestDigest"); break;
                case "responseDigest": _responseDigest = Hex(reader.GetString(), "responseDigest"); break;
                case "leafHash": _leafHash = Hex(reader.GetString(), "leafHash"); break;
                case "rootHash": _rootHash = Base64(reader.GetString(), MerkleHashes.Size, "rootHash"); break;
                case "signature": _signature = Base64(reader.GetString(), 64, "signature"); break;
                case "fields":
                    _hasFields = true;
                    while (Next(ref reader) && reader.TokenType == JsonTokenType.String)
                    {
                        _fields.Add(reader.GetString()!);
                    }

                    EndArray(ref reader);
                    break;
                case "subjectKeys":
                    _hasKeys = true;
                    while (Next(ref reader) && reader.TokenType == JsonTokenType.String)
                    {
                        _keys.Add(SubjectKey.TryParse(reader.GetString(), out var key) ? key : throw new FormatException("A subject key is not 64 hex digits."));
                    }

                    EndArray(ref reader);
                    break;
                default: throw new FormatException($"Unknown member '{name}'.");
            }
        }

        private static readonly string[] KnownNames =
        [
            "type", "format", "origin", "keyId", "index", "treeSize", "time", "clientId", "organisationId", "agreementId", "purpose",
            "action", "datasetId", "outcome", "reasonCode", "traceId", "exchangePeer", "exchangeId", "requestDigest", "responseDigest", "leafHash", "rootHash", "signature", "fields", "subjectKeys", "note",
        ];

        private static readonly byte[][] KnownNameBytes = [.. KnownNames.Select(System.Text.Encoding.UTF8.GetBytes)];

        private static readonly int HeaderMembers = Mask("type", "format", "origin", "treeSize", "keyId");

        private static readonly int EntryMembers = Mask(
            "type", "index", "time", "clientId", "organisationId", "agreementId", "purpose", "action", "datasetId", "fields", "outcome", "reasonCode",
            "subjectKeys", "traceId", "exchangePeer", "exchangeId", "requestDigest", "responseDigest", "leafHash");

        private static readonly int CheckpointMembers = Mask("type", "origin", "treeSize", "rootHash", "time", "keyId", "signature", "note");

        private static int Mask(params string[] names) => names.Aggregate(0, (mask, name) => mask | (1 << Array.IndexOf(KnownNames, name)));

        /// <summary>The interned name of a known member without allocating; unknown names are returned as read.</summary>
        private static string? MemberName(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                var span = reader.ValueSpan;
                for (var i = 0; i < KnownNameBytes.Length; i++)
                {
                    var known = KnownNameBytes[i];
                    if (known.Length == span.Length && known[0] == span[0] && span.SequenceEqual(known))
                    {
                        return KnownNames[i];
                    }
                }
            }

            return reader.GetString();
        }

        public AuditExportLine Build()
        {
            var allowed = Type switch
            {
                "header" => HeaderMembers,
                "entry" => EntryMembers,
                "checkpoint" => CheckpointMembers,
                _ => throw new FormatException("The line's type is not header, entry or checkpoint."),
            };

            // A member of another kind of line (a rootHash on an entry, a purpose on a checkpoint) is refused, not ignored.
            if ((_seen & ~allowed) != 0)
            {
                var stray = KnownNames[int.TrailingZeroCount(_seen & ~allowed)];
                throw new FormatException($"Member '{stray}' does not belong in {(Type == "entry" ? "an" : "a")} {Type} line.");
            }

            return Type switch
            {
                "header" => new AuditExportLine(
                    new AuditExportHeader(Required(_format, "format"), Required(_origin, "origin"), _treeSize ?? throw Missing("treeSize"), Required(_keyId, "keyId")), null, null),
                "entry" => new AuditExportLine(null, BuildEntry(), null),
                _ => new AuditExportLine(null, null, BuildCheckpoint()),
            };
        }

        /// <summary>
        /// A checkpoint's time must be written as its signed note writes it (UTC, milliseconds, <c>Z</c>), so the JSON
        /// and the note cannot say different things; a <c>note</c>, when given (the API includes it), must be exactly
        /// the text the other members sign.
        /// </summary>
        private Checkpoint BuildCheckpoint()
        {
            var checkpoint = new Checkpoint(
                Required(_origin, "origin"), _treeSize ?? throw Missing("treeSize"), _rootHash ?? throw Missing("rootHash"),
                _time ?? throw Missing("time"), Required(_keyId, "keyId"), _signature ?? throw Missing("signature"));
            if (!DateTimeOffset.TryParseExact(_timeText, CheckpointTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out _))
            {
                throw new FormatException("time is not written yyyy-MM-ddTHH:mm:ss.fffZ, as the signed note writes it.");
            }

            if (checkpoint.TreeSize < 0 || !CheckpointBody.IsValidOrigin(checkpoint.Origin))
            {
                throw new FormatException("treeSize is negative or origin is not 1 to 256 printable ASCII characters.");
            }

            if (_note is not null && _note != checkpoint.Body())
            {
                throw new FormatException("note is not the text the checkpoint's other members sign.");
            }

            return checkpoint;
        }

        private LoggedAuditEntry BuildEntry()
        {
            var entry = new AuditEntry(verbatim: true)
            {
                Time = _time ?? throw Missing("time"),
                ClientId = Required(_clientId, "clientId"),
                OrganisationId = Required(_organisationId, "organisationId"),
                AgreementId = _agreementId,
                Purpose = Required(_purpose, "purpose"),
                Action = Required(_action, "action"),
                DatasetId = _datasetId,
                Fields = _hasFields ? _fields : throw Missing("fields"),
                Outcome = _outcome switch
                {
                    "permitted" => AuditOutcome.Permitted,
                    "denied" => AuditOutcome.Denied,
                    _ => throw new FormatException("outcome is not permitted or denied."),
                },
                ReasonCode = _reasonCode,
                SubjectKeys = _hasKeys ? _keys : throw Missing("subjectKeys"),
                TraceId = _traceId,
                Evidence = BuildEvidence(),
            };
            return new LoggedAuditEntry(_index ?? throw Missing("index"), entry, _leafHash ?? throw Missing("leafHash"));
        }

        private ExchangeEvidence? BuildEvidence()
        {
            if (_exchangePeer is null && _exchangeId is null && _requestDigest is null && _responseDigest is null)
            {
                return null;
            }

            try
            {
                return new ExchangeEvidence(Required(_exchangePeer, "exchangePeer"), Required(_exchangeId, "exchangeId"), _requestDigest ?? throw Missing("requestDigest"), _responseDigest);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException("The exchange evidence is malformed: " + ex.Message, ex);
            }
        }

        private static void EndArray(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new FormatException("An array holds something other than strings.");
            }
        }

        private static string Required(string? value, string name) => value ?? throw Missing(name);

        private static FormatException Missing(string name) => new($"The line lacks '{name}'.");

        private static byte[] Hex(string? text, string name)
        {
            var bytes = new byte[MerkleHashes.Size];
            return text is { Length: MerkleHashes.Size * 2 } && Convert.FromHexString(text, bytes, out _, out var written) == OperationStatus.Done && written == bytes.Length
                ? bytes
                : throw new FormatException($"{name} is not 64 hex digits.");
        }

        private static byte[] Base64(string? text, int length, string name)
        {
            var bytes = new byte[length];
            return text is not null && Convert.TryFromBase64String(text, bytes, out var written) && written == length
                ? bytes
                : throw new FormatException($"{name} is not the base64 of {length} bytes.");
        }
    }
}

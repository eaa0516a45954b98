using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Concordat.Core.Audit;

/// <summary>
/// The canonical, versioned byte form of an audit entry: the exact bytes a Merkle leaf hashes. Deterministic and
/// simple to re-implement: every integer is big-endian, every string is a 4-byte length then UTF-8, nothing is
/// optional in position. Layout of version 1 (docs/audit.md has the same table):
/// <code>
/// u8      version = 1
/// i64     index
/// i64     time, microseconds since 1970-01-01T00:00:00Z
/// str     clientId
/// str     organisationId
/// optstr  agreementId
/// str     purpose
/// str     action
/// optstr  datasetId
/// u32     field count, then str each
/// u8      outcome: 0 permitted, 1 denied
/// optstr  reasonCode
/// u32     subject key count, then 32 bytes each
/// optstr  traceId
/// </code>
/// Version 2 is version 1 (with 2 as its first byte) followed by the evidence of an exchange across federation nodes:
/// <code>
/// str     peerOrganisationId
/// str     exchangeId
/// 32      requestDigest
/// u8      0 no response digest, 1 then 32 bytes responseDigest
/// </code>
/// An entry without evidence is always written as version 1, so logs written before version 2 keep their bytes.
/// where <c>str</c> is u32 byte length then UTF-8 and <c>optstr</c> is 0x00 for null or 0x01 then <c>str</c>.
/// Pure and thread safe.
/// </summary>
public static class AuditEntryCodec
{
    /// <summary>The format version written first for an entry without exchange evidence.</summary>
    public const byte Version = 1;

    /// <summary>The format version written first for an entry with exchange evidence.</summary>
    public const byte EvidenceVersion = 2;

    private const int MaxCount = 16 * 1024 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Drops sub-microsecond ticks and converts to UTC, so a time survives encoding unchanged.</summary>
    public static DateTimeOffset NormaliseTime(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>The canonical bytes of an entry at an index.</summary>
    /// <exception cref="ArgumentException">A string is not valid Unicode (a lone surrogate).</exception>
    public static byte[] Encode(long index, AuditEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(index, entry, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the canonical bytes of an entry at an index into <paramref name="output"/>.</summary>
    public static void Encode(long index, AuditEntry entry, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        WriteByte(output, entry.Evidence is null ? Version : EvidenceVersion);
        WriteInt64(output, index);
        WriteInt64(output, (entry.Time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond);
        WriteString(output, entry.ClientId);
        WriteString(output, entry.OrganisationId);
        WriteOptional(output, entry.AgreementId);
        WriteString(output, entry.Purpose);
        WriteString(output, entry.Action);
        WriteOptional(output, entry.DatasetId);
        WriteUInt32(output, (uint)entry.Fields.Count);
        foreach (var field in entry.Fields)
        {
            WriteString(output, field);
        }

        WriteByte(output, entry.Outcome switch
        {
            AuditOutcome.Permitted => 0,
            AuditOutcome.Denied => 1,
            _ => throw new ArgumentException($"Unknown outcome {entry.Outcome}.", nameof(entry)),
        });
        WriteOptional(output, entry.ReasonCode);
        WriteUInt32(output, (uint)entry.SubjectKeys.Count);
        foreach (var key in entry.SubjectKeys)
        {
            output.Write(key.Bytes);
        }

        WriteOptional(output, entry.TraceId);
        if (entry.Evidence is { } evidence)
        {
            WriteString(output, evidence.PeerOrganisationId);
            WriteString(output, evidence.ExchangeId);
            output.Write(evidence.RequestDigest.Span);
            WriteByte(output, evidence.ResponseDigest is null ? (byte)0 : (byte)1);
            if (evidence.ResponseDigest is { } response)
            {
                output.Write(response.Span);
            }
        }
    }

    /// <summary>Reads canonical bytes back into an index and an entry.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed version 1 entry.</exception>
    public static (long Index, AuditEntry Entry) Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
        var version = reader.Byte();
        if (version is not (Version or EvidenceVersion))
        {
            throw new InvalidDataException($"Audit entry format version {version} is not supported (expected {Version} or {EvidenceVersion}).");
        }

        var index = reader.Int64();
        var micros = reader.Int64();
        var clientId = reader.String();
        var organisationId = reader.String();
        var agreementId = reader.Optional();
        var purpose = reader.String();
        var action = reader.String();
        var datasetId = reader.Optional();
        var fields = new string[reader.Count()];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = reader.String();
        }

        var outcome = reader.Byte() switch
        {
            0 => AuditOutcome.Permitted,
            1 => AuditOutcome.Denied,
            var other => throw new InvalidDataException($"Audit entry outcome {other} is not 0 or 1."),
        };
        var reasonCode = reader.Optional();
        var keys = new SubjectKey[reader.Count()];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = new SubjectKey(reader.Bytes(SubjectKey.Size));
        }

        var traceId = reader.Optional();
        ExchangeEvidence? evidence = null;
        if (version == EvidenceVersion)
        {
            var peer = reader.String();
            var exchangeId = reader.String();
            var requestDigest = reader.Bytes(ExchangeEvidence.DigestSize).ToArray();
            byte[]? responseDigest = reader.Byte() switch
            {
                0 => null,
                1 => reader.Bytes(ExchangeEvidence.DigestSize).ToArray(),
                var other => throw new InvalidDataException($"Audit entry presence flag {other} is not 0 or 1."),
            };
            try
            {
                evidence = new ExchangeEvidence(peer, exchangeId, requestDigest, responseDigest);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException("Audit entry exchange evidence is malformed.", ex);
            }
        }

        reader.End();
        if (index < 0)
        {
            throw new InvalidDataException("Audit entry index is negative.");
        }

        DateTimeOffset time;
        try
        {
            time = DateTimeOffset.UnixEpoch.AddTicks(checked(micros * TimeSpan.TicksPerMicrosecond));
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("Audit entry time is out of range.", ex);
        }

        return (index, new AuditEntry(verbatim: true)
        {
            Time = time,
            ClientId = clientId,
            OrganisationId = organisationId,
            AgreementId = agreementId,
            Purpose = purpose,
            Action = action,
            DatasetId = datasetId,
            Fields = fields,
            Outcome = outcome,
            ReasonCode = reasonCode,
            SubjectKeys = keys,
            TraceId = traceId,
            Evidence = evidence,
        });
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteInt64(IBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    private static void WriteUInt32(IBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    private static void WriteString(IBufferWriter<byte> output, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        // One pass: encode into the worst-case space after the length prefix, then fill the prefix in.
        var span = output.GetSpan(4 + (value.Length * 3));
        if (System.Text.Unicode.Utf8.FromUtf16(value, span[4..], out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            throw new ArgumentException("An audit entry string is not valid Unicode.", nameof(value));
        }

        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        output.Advance(4 + length);
    }

    private static void WriteOptional(IBufferWriter<byte> output, string? value)
    {
        WriteByte(output, value is null ? (byte)0 : (byte)1);
        if (value is not null)
        {
            WriteString(output, value);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public byte Byte() => Bytes(1)[0];

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Bytes(8));

        public int Count()
        {
            var count = BinaryPrimitives.ReadUInt32BigEndian(Bytes(4));
            return count <= MaxCount ? (int)count : throw new InvalidDataException($"Audit entry count {count} is too large.");
        }

        public string String()
        {
            var length = Count();
            try
            {
                return StrictUtf8.GetString(Bytes(length));
            }
            catch (DecoderFallbackException ex)
            {
                throw new InvalidDataException("Audit entry string is not valid UTF-8.", ex);
            }
        }

        public string? Optional() => Byte() switch
        {
            0 => null,
            1 => String(),
            var other => throw new InvalidDataException($"Audit entry presence flag {other} is not 0 or 1."),
        };

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (_rest.Length < count)
            {
                throw new InvalidDataException("Audit entry bytes end early.");
            }

            var taken = _rest[..count];
            _rest = _rest[count..];
            return taken;
        }

        public readonly void End()
        {
            if (!_rest.IsEmpty)
            {
                throw new InvalidDataException($"Audit entry has {_rest.Length} bytes left over.");
            }
        }
    }
}

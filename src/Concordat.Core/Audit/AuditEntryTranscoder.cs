using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;

namespace Concordat.Core.Audit;

/// <summary>
/// The verifier's fast path: turns an export entry line straight into the entry's canonical bytes, copying each
/// string's UTF-8 from the JSON without building strings or entry objects. It handles only plain lines (no JSON
/// escapes, every member known and present); anything else it declines, and the caller takes the general path
/// (<see cref="AuditExportFormat.ReadLine"/> then <see cref="AuditEntryCodec.Encode(long, AuditEntry, IBufferWriter{byte})"/>),
/// which gives the same bytes or the precise error. Pure; thread safe.
/// </summary>
internal static class AuditEntryTranscoder
{
    private const int Type = 0, Index = 1, Time = 2, ClientId = 3, OrganisationId = 4, AgreementId = 5, Purpose = 6, Action = 7,
        DatasetId = 8, Fields = 9, Outcome = 10, ReasonCode = 11, SubjectKeys = 12, TraceId = 13, LeafHash = 14, MemberCount = 15;

    private static readonly byte[][] Names =
    [
        "type"u8.ToArray(), "index"u8.ToArray(), "time"u8.ToArray(), "clientId"u8.ToArray(), "organisationId"u8.ToArray(),
        "agreementId"u8.ToArray(), "purpose"u8.ToArray(), "action"u8.ToArray(), "datasetId"u8.ToArray(), "fields"u8.ToArray(),
        "outcome"u8.ToArray(), "reasonCode"u8.ToArray(), "subjectKeys"u8.ToArray(), "traceId"u8.ToArray(), "leafHash"u8.ToArray(),
    ];

    /// <summary>Writes the canonical bytes of an entry line; false (writing nothing useful) when the line needs the general path.</summary>
    /// <param name="line">One export line.</param>
    /// <param name="canonical">Receives the canonical bytes; reset by the caller.</param>
    /// <param name="recordedLeaf">Receives the line's <c>leafHash</c> (32 bytes).</param>
    /// <param name="index">The entry's index.</param>
    public static bool TryTranscode(ReadOnlySpan<byte> line, IBufferWriter<byte> canonical, Span<byte> recordedLeaf, out long index)
    {
        index = -1;
        Span<(int Start, int Length)> values = stackalloc (int, int)[MemberCount];
        values.Fill((-1, 0));
        Span<(int Start, int Length)> fields = stackalloc (int, int)[64];
        Span<(int Start, int Length)> keys = stackalloc (int, int)[64];
        var fieldCount = 0;
        var keyCount = 0;
        var micros = 0L;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = Member(ref reader);
                if (member < 0 || values[member].Start >= 0 || !reader.Read())
                {
                    return false;
                }

                if (member is Fields or SubjectKeys)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return false;
                    }

                    var target = member == Fields ? fields : keys;
                    var count = 0;
                    while (reader.Read() && reader.TokenType == JsonTokenType.String)
                    {
                        if (count == target.Length || reader.ValueIsEscaped)
                        {
                            return false;
                        }

                        target[count++] = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                    }

                    if (reader.TokenType != JsonTokenType.EndArray)
                    {
                        return false;
                    }

                    values[member] = (0, 0);
                    if (member == Fields)
                    {
                        fieldCount = count;
                    }
                    else
                    {
                        keyCount = count;
                    }

                    continue;
                }

                if (member == Index)
                {
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out index))
                    {
                        return false;
                    }

                    values[member] = (0, 0);
                    continue;
                }

                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                {
                    return false;
                }

                if (member == Time)
                {
                    if (!reader.TryGetDateTimeOffset(out var time))
                    {
                        return false;
                    }

                    micros = (AuditEntryCodec.NormaliseTime(time).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
                }

                values[member] = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        foreach (var required in (ReadOnlySpan<int>)[Type, Index, Time, ClientId, OrganisationId, Purpose, Action, Fields, Outcome, SubjectKeys, LeafHash])
        {
            if (values[required].Start < 0)
            {
                return false;
            }
        }

        if (!line.Slice(values[Type].Start, values[Type].Length).SequenceEqual("entry"u8) || index < 0)
        {
            return false;
        }

        var outcome = line.Slice(values[Outcome].Start, values[Outcome].Length);
        byte outcomeByte;
        if (outcome.SequenceEqual("permitted"u8))
        {
            outcomeByte = 0;
        }
        else if (outcome.SequenceEqual("denied"u8))
        {
            outcomeByte = 1;
        }
        else
        {
            return false;
        }

        if (!Hex(line.Slice(values[LeafHash].Start, values[LeafHash].Length), recordedLeaf))
        {
            return false;
        }

        Span<byte> head = stackalloc byte[17];
        head[0] = AuditEntryCodec.Version;
        BinaryPrimitives.WriteInt64BigEndian(head[1..], index);
        BinaryPrimitives.WriteInt64BigEndian(head[9..], micros);
        canonical.Write(head);
        var ok = String(canonical, line, values[ClientId]) && String(canonical, line, values[OrganisationId]) && Optional(canonical, line, values[AgreementId])
            && String(canonical, line, values[Purpose]) && String(canonical, line, values[Action]) && Optional(canonical, line, values[DatasetId]);
        if (!ok)
        {
            return false;
        }

        UInt32(canonical, (uint)fieldCount);
        for (var i = 0; i < fieldCount; i++)
        {
            if (!String(canonical, line, fields[i]))
            {
                return false;
            }
        }

        canonical.Write([outcomeByte]);
        if (!Optional(canonical, line, values[ReasonCode]))
        {
            return false;
        }

        UInt32(canonical, (uint)keyCount);
        for (var i = 0; i < keyCount; i++)
        {
            var key = canonical.GetSpan(SubjectKey.Size)[..SubjectKey.Size];
            if (!Hex(line.Slice(keys[i].Start, keys[i].Length), key))
            {
                return false;
            }

            canonical.Advance(SubjectKey.Size);
        }

        return Optional(canonical, line, values[TraceId]);
    }

    private static int Member(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return -1;
        }

        var name = reader.ValueSpan;
        for (var i = 0; i < Names.Length; i++)
        {
            if (Names[i].Length == name.Length && Names[i][0] == name[0] && name.SequenceEqual(Names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool String(IBufferWriter<byte> output, ReadOnlySpan<byte> line, (int Start, int Length) value)
    {
        var bytes = line.Slice(value.Start, value.Length);
        if (!Utf8.IsValid(bytes))
        {
            return false;
        }

        UInt32(output, (uint)bytes.Length);
        output.Write(bytes);
        return true;
    }

    private static bool Optional(IBufferWriter<byte> output, ReadOnlySpan<byte> line, (int Start, int Length) value)
    {
        if (value.Start < 0)
        {
            output.Write([(byte)0]);
            return true;
        }

        output.Write([(byte)1]);
        return String(output, line, value);
    }

    private static void UInt32(IBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    private static bool Hex(ReadOnlySpan<byte> text, Span<byte> destination) =>
        text.Length == destination.Length * 2
        && Convert.FromHexString(text, destination, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == destination.Length;
}

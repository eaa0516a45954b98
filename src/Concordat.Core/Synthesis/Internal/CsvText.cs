namespace Concordat.Core.Synthesis.Internal;

/// <summary>Writes RFC 4180 CSV fields: quoted only when they hold a delimiter, quote or line break.</summary>
internal static class CsvText
{
    /// <summary>Appends one field (null is empty) encoded with <paramref name="codec"/>.</summary>
    public static void Field(ByteBuffer buffer, ReadOnlySpan<char> value, SingleByteCodec codec, bool upper = false)
    {
        if (value.IndexOfAny(",\"\r\n") < 0)
        {
            buffer.WriteEncoded(value, codec, upper);
            return;
        }

        buffer.Write(codec.Encode('"'));
        var rest = value;
        while (true)
        {
            var quote = rest.IndexOf('"');
            if (quote < 0)
            {
                buffer.WriteEncoded(rest, codec, upper);
                break;
            }

            buffer.WriteEncoded(rest[..(quote + 1)], codec, upper);
            buffer.Write(codec.Encode('"'));
            rest = rest[(quote + 1)..];
        }

        buffer.Write(codec.Encode('"'));
    }
}

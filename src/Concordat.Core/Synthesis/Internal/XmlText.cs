namespace Concordat.Core.Synthesis.Internal;

/// <summary>Writes escaped XML text and elements as UTF-8, for the council extract.</summary>
internal static class XmlText
{
    /// <summary>Appends <paramref name="value"/> with &amp;, &lt;, &gt;, &quot; and &apos; escaped.</summary>
    public static void Escaped(ByteBuffer buffer, ReadOnlySpan<char> value)
    {
        while (!value.IsEmpty)
        {
            var special = value.IndexOfAny("&<>\"'");
            if (special < 0)
            {
                buffer.WriteUtf8(value);
                return;
            }

            buffer.WriteUtf8(value[..special]);
            buffer.WriteAscii(value[special] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&apos;",
            });
            value = value[(special + 1)..];
        }
    }

    /// <summary>Appends <c>&lt;name&gt;value&lt;/name&gt;</c>, or <c>&lt;name/&gt;</c> when the value is null or empty.</summary>
    public static void Element(ByteBuffer buffer, string name, ReadOnlySpan<char> value)
    {
        buffer.Write((byte)'<');
        buffer.WriteAscii(name);
        if (value.IsEmpty)
        {
            buffer.WriteAscii("/>");
            return;
        }

        buffer.Write((byte)'>');
        Escaped(buffer, value);
        buffer.WriteAscii("</");
        buffer.WriteAscii(name);
        buffer.Write((byte)'>');
    }
}

using System.Text;
using System.Text.Json;

namespace Concordat.Core.Quality.Internal;

/// <summary>Reads one property of a stored record payload as text, without building a document.</summary>
internal static class PayloadField
{
    public static string? Read(ReadOnlySpan<byte> payloadUtf8, byte[] name)
    {
        var reader = new Utf8JsonReader(payloadUtf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (!match)
            {
                reader.Skip();
                continue;
            }

            return reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                _ => null,
            };
        }

        return null;
    }
}

namespace Concordat.Core.Federation;

/// <summary>
/// Standard base64 (RFC 4648 section 4) with padding and nothing else: no whitespace, no line breaks, no URL-safe
/// alphabet. <see cref="Convert.FromBase64String(string)"/> skips whitespace, which would let two different texts carry
/// the same signed bytes.
/// </summary>
internal static class StrictBase64
{
    /// <summary>The decoded bytes, or null when <paramref name="text"/> is not strict base64.</summary>
    public static byte[]? Decode(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var alphabet = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/';
            var padding = c == '=' && i >= text.Length - 2 && (i == text.Length - 1 || text[^1] == '=');
            if (!alphabet && !padding)
            {
                return null;
            }
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

using System.Text;

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Encodes text into a single-byte code page (windows-1252, EBCDIC 037) through a 256-entry table, much faster
/// than <see cref="Encoding.GetBytes(string)"/> per field. Characters outside the code page become its substitute
/// ('?'), as legacy systems did. Immutable and thread safe.
/// </summary>
internal sealed class SingleByteCodec
{
    private readonly byte[] _table = new byte[256];
    private readonly byte _fallback;

    private SingleByteCodec(int codePage)
    {
        // windows-1252 and EBCDIC ship in .NET but are reachable only through this provider; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Encoding = Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        _fallback = Encoding.GetBytes("?")[0];
        Span<char> one = stackalloc char[1];
        Span<byte> bytes = stackalloc byte[8];
        for (var c = 0; c < 256; c++)
        {
            one[0] = (char)c;
            var n = Encoding.GetBytes(one, bytes);
            _table[c] = n == 1 ? bytes[0] : _fallback;
        }

        Space = _table[' '];
    }

    /// <summary>windows-1252 (Western European, Windows).</summary>
    public static SingleByteCodec Windows1252 { get; } = new(1252);

    /// <summary>IBM EBCDIC code page 037 (US/Canada), as on IBM mainframes.</summary>
    public static SingleByteCodec Ebcdic037 { get; } = new(37);

    /// <summary>The .NET encoding, for decoding in tests and for characters beyond Latin-1.</summary>
    public Encoding Encoding { get; }

    /// <summary>The byte for a space.</summary>
    public byte Space { get; }

    /// <summary>Encodes <paramref name="text"/> into <paramref name="destination"/>, which must be long enough; returns the bytes written.</summary>
    public int Encode(ReadOnlySpan<char> text, Span<byte> destination, bool upper = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = upper ? char.ToUpperInvariant(text[i]) : text[i];
            destination[i] = c < 256 ? _table[c] : _fallback;
        }

        return text.Length;
    }

    /// <summary>Encodes a single character.</summary>
    public byte Encode(char c) => c < 256 ? _table[c] : _fallback;
}

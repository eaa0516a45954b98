using System.Text;

namespace Concordat.Core.Ingestion.Sources;

/// <summary>
/// Resolves the encoding names used in mapping files and layouts to <see cref="Encoding"/> objects whose decoders
/// throw on invalid bytes, so a mis-declared file fails loudly instead of turning into replacement characters.
/// Thread safe.
/// </summary>
/// <remarks>
/// Only UTF-8 and single-byte encodings are offered: the byte-level readers find delimiters, newlines and fixed
/// offsets in the raw bytes, which is only sound when every character boundary is known without decoding.
/// Names are matched ignoring case, hyphens, underscores and spaces, so <c>UTF-8</c>, <c>utf8</c> and
/// <c>utf_8</c> are the same.
/// </remarks>
public static class TextEncodings
{
    private static readonly Dictionary<string, int> CodePages = new(StringComparer.Ordinal)
    {
        ["utf8"] = 65001,
        ["windows1252"] = 1252,
        ["cp1252"] = 1252,
        ["latin1"] = 28591,
        ["iso88591"] = 28591,
        ["latin9"] = 28605,
        ["iso885915"] = 28605,
        ["ascii"] = 20127,
        ["usascii"] = 20127,
        ["ibm037"] = 37,
        ["cp037"] = 37,
        ["ebcdic"] = 37,
        ["ibm1140"] = 1140,
        ["cp1140"] = 1140,
        ["ibm285"] = 20285,
        ["cp285"] = 20285,
        ["ebcdicuk"] = 20285,
        ["ibm1146"] = 1146,
        ["cp1146"] = 1146,
        ["ibm1047"] = 1047,
        ["cp1047"] = 1047,
    };

    static TextEncodings()
    {
        // windows-1252 and the EBCDIC code pages ship in .NET but are only reachable once this provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The accepted names, one per encoding, for error messages and documentation.</summary>
    public static IReadOnlyList<string> SupportedNames { get; } =
        ["utf-8", "windows-1252", "latin1", "latin9", "ascii", "ibm037", "ibm1140", "ibm285", "ibm1146", "ibm1047"];

    /// <summary>
    /// Resolves <paramref name="name"/> to an encoding with exception fallbacks, or an <c>encoding.unknown</c>
    /// error listing the supported names.
    /// </summary>
    public static Result<Encoding> Resolve(string? name)
    {
        var key = Normalise(name);
        if (key.Length == 0 || !CodePages.TryGetValue(key, out var codePage))
        {
            return Error.Validation(
                "encoding.unknown",
                $"Unknown encoding '{name}'; use one of {string.Join(", ", SupportedNames)}.",
                "encoding");
        }

        return codePage == 65001
            ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
            : Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Resolves <paramref name="name"/> or throws <see cref="SourceFormatException"/> naming it.</summary>
    internal static Encoding ResolveForSource(string? name)
    {
        var result = Resolve(name);
        return result.IsSuccess ? result.Value : throw new SourceFormatException(result.Errors[0].Message);
    }

    /// <summary>Whether <paramref name="encoding"/> is UTF-8.</summary>
    internal static bool IsUtf8(Encoding encoding) => encoding.CodePage == 65001;

    /// <summary>The single byte that encodes <paramref name="c"/>, or throws when it takes several or none.</summary>
    internal static byte SingleByte(Encoding encoding, char c, string role)
    {
        byte[] bytes;
        try
        {
            bytes = encoding.GetBytes([c]);
        }
        catch (EncoderFallbackException)
        {
            bytes = [];
        }

        return bytes.Length == 1
            ? bytes[0]
            : throw new SourceFormatException(
                $"The {role} U+{(int)c:X4} cannot be written as one byte in {encoding.WebName}; choose an ASCII character.");
    }

    private static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is not ('-' or '_' or ' '))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}

using System.Globalization;
using System.Text;
using Concordat.Core.Ingestion.Sources;

namespace Concordat.Core.Tests.Ingestion.Sources;

/// <summary>Builds mainframe field bytes by hand, independently of the decoder under test.</summary>
internal static class MainframeBytes
{
    public static readonly Encoding Ebcdic = TextEncodings.Resolve("ibm037").Value;

    /// <summary>EBCDIC text padded with EBCDIC spaces (0x40) to <paramref name="length"/> bytes.</summary>
    public static byte[] Text(string text, int length) => Ebcdic.GetBytes(text.PadRight(length));

    /// <summary>COMP-3: the unscaled digits, two per byte, sign nibble C (positive) or D (negative) last.</summary>
    public static byte[] Packed(long unscaled, int length)
    {
        var digits = Math.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft((length * 2) - 1, '0');
        var nibbles = digits.Select(d => d - '0').Append(unscaled < 0 ? 0xD : 0xC).ToArray();
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((nibbles[i * 2] << 4) | nibbles[(i * 2) + 1]);
        }

        return bytes;
    }

    /// <summary>EBCDIC zoned decimal: F-zoned digits, the last byte zoned C (positive) or D (negative).</summary>
    public static byte[] Zoned(long unscaled, int length)
    {
        var digits = Math.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(length, '0');
        var bytes = digits.Select(d => (byte)(0xF0 | (d - '0'))).ToArray();
        bytes[^1] = (byte)((unscaled < 0 ? 0xD0 : 0xC0) | (digits[^1] - '0'));
        return bytes;
    }

    /// <summary>The decimal text a field with <paramref name="scale"/> places should read as.</summary>
    public static string Expected(long unscaled, int scale) =>
        (unscaled / (decimal)Math.Pow(10, scale)).ToString("F" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

namespace Concordat.Core.Synthesis.Internal;

/// <summary>Writes mainframe numeric fields: zoned decimal (one digit per byte) and packed decimal (COMP-3).</summary>
internal static class Ebcdic
{
    /// <summary>
    /// Zoned decimal, unsigned: each digit is the byte 0xF0 + digit (EBCDIC '0' to '9'), right-aligned and
    /// zero-filled to the field's length.
    /// </summary>
    public static void WriteZoned(Span<byte> field, long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        for (var i = field.Length - 1; i >= 0; i--)
        {
            field[i] = (byte)(0xF0 + (value % 10));
            value /= 10;
        }

        if (value != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The value does not fit the field.");
        }
    }

    /// <summary>
    /// Packed decimal (COMP-3): two digits per byte, the last nibble the sign (0xC positive, 0xD negative), so a
    /// field of n bytes holds 2n - 1 digits.
    /// </summary>
    public static void WritePacked(Span<byte> field, long value)
    {
        var sign = value < 0 ? 0x0D : 0x0C;
        var magnitude = Math.Abs(value);
        var i = field.Length - 1;
        field[i] = (byte)(((int)(magnitude % 10) << 4) | sign);
        magnitude /= 10;
        for (i--; i >= 0; i--)
        {
            var low = (int)(magnitude % 10);
            magnitude /= 10;
            var high = (int)(magnitude % 10);
            magnitude /= 10;
            field[i] = (byte)((high << 4) | low);
        }

        if (magnitude != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The value does not fit the field.");
        }
    }
}

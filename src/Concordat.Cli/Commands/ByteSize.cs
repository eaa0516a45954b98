using System.Globalization;

namespace Concordat.Cli.Commands;

/// <summary>Reads sizes such as <c>16GB</c>, <c>800MB</c> or <c>1.5GiB</c> (decimal and binary units) into bytes.</summary>
internal static class ByteSize
{
    private static readonly (string Unit, double Bytes)[] Units =
    [
        ("KIB", 1024d), ("MIB", 1024d * 1024), ("GIB", 1024d * 1024 * 1024), ("TIB", 1024d * 1024 * 1024 * 1024),
        ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("B", 1),
    ];

    /// <summary>The size in bytes, or null when <paramref name="text"/> is not a positive size with a unit.</summary>
    public static long? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var upper = text.Trim().ToUpperInvariant();
        foreach (var (unit, bytes) in Units)
        {
            if (upper.EndsWith(unit, StringComparison.Ordinal)
                && double.TryParse(upper.AsSpan(0, upper.Length - unit.Length).Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                && value > 0 && value * bytes < long.MaxValue)
            {
                return (long)(value * bytes);
            }
        }

        return null;
    }
}

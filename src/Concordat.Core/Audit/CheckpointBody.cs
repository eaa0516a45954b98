using System.Globalization;
using System.Text;

namespace Concordat.Core.Audit;

/// <summary>
/// The text a checkpoint signs, after the C2SP checkpoint format: four lines, each ending in a line feed,
/// <code>
/// &lt;origin&gt;
/// &lt;tree size in decimal, no leading zeros&gt;
/// &lt;root hash in standard base64&gt;
/// time &lt;yyyy-MM-ddTHH:mm:ss.fffZ&gt;
/// </code>
/// Parsing is strict (no blank lines, carriage returns, spaces or leading zeros), so one state has one text.
/// </summary>
public static class CheckpointBody
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Drops sub-millisecond ticks and converts to UTC, so a time survives the body unchanged.</summary>
    public static DateTimeOffset NormaliseTime(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>Whether <paramref name="origin"/> may name a log: 1 to 256 printable ASCII characters, no space at either end.</summary>
    public static bool IsValidOrigin(string? origin) =>
        origin is { Length: > 0 and <= 256 } && origin.All(c => c is >= ' ' and <= '~') && origin[0] != ' ' && origin[^1] != ' ';

    /// <summary>Formats the body.</summary>
    public static string Format(string origin, long treeSize, ReadOnlySpan<byte> rootHash, DateTimeOffset time)
    {
        if (!IsValidOrigin(origin))
        {
            throw new ArgumentException("A checkpoint origin is 1 to 256 printable ASCII characters.", nameof(origin));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (rootHash.Length != MerkleHashes.Size)
        {
            throw new ArgumentException($"A root hash is {MerkleHashes.Size} bytes.", nameof(rootHash));
        }

        var builder = new StringBuilder(128);
        builder.Append(origin).Append('\n')
            .Append(treeSize.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(rootHash)).Append('\n')
            .Append("time ").Append(NormaliseTime(time).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)).Append('\n');
        return builder.ToString();
    }

    /// <summary>Parses a body strictly; the error says which line is wrong.</summary>
    public static Result<(string Origin, long TreeSize, byte[] RootHash, DateTimeOffset Time)> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        static Error Bad(string message) => Error.Validation("checkpoint.malformed", message);
        if (!text.EndsWith('\n') || text.Contains('\r', StringComparison.Ordinal))
        {
            return Bad("A checkpoint body is lines ending in a line feed, without carriage returns.");
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length != 4)
        {
            return Bad($"A checkpoint body has 4 lines, not {lines.Length}.");
        }

        if (!IsValidOrigin(lines[0]))
        {
            return Bad("Line 1 (origin) is empty or not printable ASCII.");
        }

        if (lines[1].Length is 0 or > 19 || !lines[1].All(char.IsAsciiDigit) || (lines[1].Length > 1 && lines[1][0] == '0')
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return Bad("Line 2 (tree size) is not a decimal number without leading zeros.");
        }

        var root = new byte[MerkleHashes.Size];
        if (!Convert.TryFromBase64String(lines[2], root, out var written) || written != MerkleHashes.Size
            || Convert.ToBase64String(root) != lines[2])
        {
            return Bad("Line 3 (root hash) is not the base64 of 32 bytes.");
        }

        if (!lines[3].StartsWith("time ", StringComparison.Ordinal)
            || !DateTimeOffset.TryParseExact(lines[3][5..], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return Bad("Line 4 is not 'time yyyy-MM-ddTHH:mm:ss.fffZ'.");
        }

        return (lines[0], size, root, time);
    }
}

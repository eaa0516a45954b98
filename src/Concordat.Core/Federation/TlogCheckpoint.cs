using System.Globalization;

namespace Concordat.Core.Federation;

/// <summary>
/// The three lines every c2sp.org/tlog-checkpoint body starts with, as a witness reads them: origin, tree size and
/// root hash; extension lines after them are kept in the body (cosignatures cover them) but carry no meaning here.
/// </summary>
/// <param name="Origin">The log's origin line.</param>
/// <param name="TreeSize">The tree size.</param>
/// <param name="RootHash">The 32-byte root hash.</param>
/// <param name="Extensions">The extension lines, without their newlines.</param>
public sealed record TlogCheckpoint(string Origin, long TreeSize, byte[] RootHash, IReadOnlyList<string> Extensions)
{
    /// <summary>Parses a checkpoint body (the note text, ending in a newline) strictly.</summary>
    public static Result<TlogCheckpoint> Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        static Error Bad(string message) => Error.Validation("checkpoint.malformed", message);
        if (!body.EndsWith('\n'))
        {
            return Bad("A checkpoint body ends in a newline.");
        }

        var lines = body[..^1].Split('\n');
        if (lines.Length < 3)
        {
            return Bad("A checkpoint body has at least three lines: origin, tree size, root hash.");
        }

        if (lines[0].Length == 0)
        {
            return Bad("The checkpoint's origin line is empty.");
        }

        if (lines[1].Length is 0 or > 19 || !lines[1].All(char.IsAsciiDigit) || (lines[1].Length > 1 && lines[1][0] == '0')
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return Bad("The checkpoint's tree size is not a decimal number without leading zeros.");
        }

        if (StrictBase64.Decode(lines[2]) is not { Length: 32 } root)
        {
            return Bad("The checkpoint's root hash is not the base64 of 32 bytes.");
        }

        var extensions = lines[3..];
        return extensions.Any(l => l.Length == 0)
            ? Bad("A checkpoint extension line is empty.")
            : new TlogCheckpoint(lines[0], size, root, extensions);
    }
}

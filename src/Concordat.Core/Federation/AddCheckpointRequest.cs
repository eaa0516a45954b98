using System.Globalization;
using System.Text;

namespace Concordat.Core.Federation;

/// <summary>
/// The body of a c2sp.org/tlog-witness <c>add-checkpoint</c> request: <c>old &lt;size&gt;</c>, zero to 63 consistency
/// proof lines (one base64 hash each), an empty line, then the signed checkpoint note. Every line ends in a newline.
/// </summary>
/// <param name="OldSize">The size of the latest checkpoint the caller believes the witness cosigned (0 for none).</param>
/// <param name="Proof">The RFC 6962 consistency proof from <paramref name="OldSize"/> to the checkpoint's size.</param>
/// <param name="Checkpoint">The signed checkpoint note's bytes.</param>
public sealed record AddCheckpointRequest(long OldSize, IReadOnlyList<byte[]> Proof, byte[] Checkpoint)
{
    /// <summary>Most proof lines a request may carry (the specification's limit).</summary>
    public const int MaxProofLines = 63;

    /// <summary>The request body's bytes.</summary>
    public byte[] Format()
    {
        var text = new StringBuilder("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Proof)
        {
            text.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        text.Append('\n');
        var head = Encoding.UTF8.GetBytes(text.ToString());
        return [.. head, .. Checkpoint];
    }

    /// <summary>Parses a request body; refuses anything the specification does not allow.</summary>
    public static Result<AddCheckpointRequest> Parse(ReadOnlySpan<byte> body)
    {
        static Error Bad(string message) => Error.Validation("witness.request_malformed", message);
        var position = 0;
        string? NextLine(ReadOnlySpan<byte> bytes)
        {
            var end = bytes[position..].IndexOf((byte)'\n');
            if (end < 0)
            {
                return null;
            }

            var line = bytes.Slice(position, end);
            position += end + 1;
            return line.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E) ? "\0" : Encoding.ASCII.GetString(line);
        }

        var old = NextLine(body);
        if (old is null || !old.StartsWith("old ", StringComparison.Ordinal))
        {
            return Bad("The request does not start with an 'old <size>' line.");
        }

        var digits = old[4..];
        if (digits.Length is 0 or > 19 || !digits.All(char.IsAsciiDigit) || (digits.Length > 1 && digits[0] == '0')
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var oldSize))
        {
            return Bad("The old size is not a decimal number without leading zeros.");
        }

        var proof = new List<byte[]>();
        while (true)
        {
            var line = NextLine(body);
            if (line is null)
            {
                return Bad("The request has no empty line before its checkpoint.");
            }

            if (line.Length == 0)
            {
                break;
            }

            if (proof.Count == MaxProofLines)
            {
                return Bad($"The request carries more than {MaxProofLines} consistency proof lines.");
            }

            if (StrictBase64.Decode(line) is not { Length: 32 } hash)
            {
                return Bad("A consistency proof line is not the base64 of a 32-byte hash.");
            }

            proof.Add(hash);
        }

        return position >= body.Length
            ? Bad("The request carries no checkpoint.")
            : new AddCheckpointRequest(oldSize, proof, body[position..].ToArray());
    }
}

using System.Buffers.Binary;
using System.Text;

namespace Concordat.Core.Federation;

/// <summary>
/// A C2SP signed note (c2sp.org/signed-note): a UTF-8 text ending in a newline, a blank line, and one or more lines
/// <c>— &lt;key name&gt; &lt;base64(key id || signature)&gt;</c>. The text means nothing until a trusted key's signature over
/// it verifies (<see cref="Open"/>). Immutable and thread safe.
/// </summary>
public sealed class SignedNote
{
    /// <summary>Most signatures accepted on one note; the specification asks verifiers to accept at least 16.</summary>
    public const int MaxSignatures = 100;

    private const string SignaturePrefix = "\u2014 ";

    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, including its final newline.</summary>
    public string Text { get; }

    /// <summary>The signatures, in the order they appear.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Signs <paramref name="text"/> (which must end in a newline) with every signer, in order, and returns the note.</summary>
    public static string Sign(string text, params IReadOnlyList<NoteSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signers);
        if (signers.Count == 0)
        {
            throw new ArgumentException("A note needs at least one signature.", nameof(signers));
        }

        if (CheckText(text) is { } problem)
        {
            throw new ArgumentException(problem, nameof(text));
        }

        var note = new StringBuilder(text).Append('\n');
        foreach (var signer in signers)
        {
            note.Append(SignaturePrefix).Append(signer.Name).Append(' ').Append(Convert.ToBase64String(signer.Sign(text))).Append('\n');
        }

        return note.ToString();
    }

    /// <summary>Parses a note without checking any signature: see <see cref="Open"/>.</summary>
    public static Result<SignedNote> Parse(ReadOnlySpan<byte> bytes)
    {
        static Error Bad(string message) => Error.Validation("note.malformed", message);
        string note;
        try
        {
            note = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Bad("The note is not valid UTF-8.");
        }

        if (note.Any(c => c < 0x20 && c != '\n'))
        {
            return Bad("The note holds a control character other than newline.");
        }

        if (!note.EndsWith('\n'))
        {
            return Bad("The note does not end in a newline.");
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return Bad("The note has no blank line before its signatures.");
        }

        if (split + 2 >= note.Length)
        {
            return Bad("The note has no signature.");
        }

        var text = note[..(split + 1)];
        var lines = note[(split + 2)..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            return Bad($"The note has more than {MaxSignatures} signatures.");
        }

        var signatures = new List<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                return Bad("A signature line does not start with an em dash and a space.");
            }

            var body = line[SignaturePrefix.Length..];
            var space = body.IndexOf(' ', StringComparison.Ordinal);
            var name = space < 0 ? body : body[..space];
            var decoded = space < 0 ? null : StrictBase64.Decode(body[(space + 1)..]);
            if (!NoteVerifierKey.IsValidName(name) || decoded is not { Length: >= 5 })
            {
                return Bad("A signature line is not a key name and the base64 of a key id and a signature.");
            }

            signatures.Add(new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(decoded), decoded.AsMemory(4)));
        }

        return new SignedNote(text, signatures);
    }

    /// <summary>
    /// Parses a note and checks its signatures against <paramref name="trusted"/> as the specification requires:
    /// signatures by unknown keys (name and id not both matching a trusted key) are ignored; a signature by a trusted
    /// key that fails to verify rejects the whole note; at least one trusted signature must verify.
    /// </summary>
    /// <returns>The note, with <see cref="Text"/> now meaningful, or why it is refused.</returns>
    public static Result<SignedNote> Open(ReadOnlySpan<byte> bytes, IReadOnlyCollection<NoteVerifierKey> trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        var parsed = Parse(bytes);
        if (!parsed.IsSuccess)
        {
            return parsed;
        }

        var note = parsed.Value;
        var message = Encoding.UTF8.GetBytes(note.Text);
        var verified = 0;
        foreach (var signature in note.Signatures)
        {
            var matches = trusted.Where(k => k.KeyId == signature.KeyId && string.Equals(k.Name, signature.KeyName, StringComparison.Ordinal)).ToList();
            if (matches.Count == 0)
            {
                continue;
            }

            if (matches.Count > 1 || !matches[0].Verify(message, signature.Signature.Span))
            {
                return Error.Validation("note.bad_signature", $"The signature by trusted key '{signature.KeyName}' does not verify.");
            }

            verified++;
        }

        return verified > 0
            ? note
            : Error.Validation("note.untrusted", "The note carries no signature by a trusted key.");
    }

    /// <summary>Why <paramref name="text"/> cannot be a note's text, or null when it can.</summary>
    internal static string? CheckText(string text)
    {
        if (text.Length == 0 || !text.EndsWith('\n'))
        {
            return "A note's text ends in a newline.";
        }

        if (text.Any(c => c < 0x20 && c != '\n'))
        {
            return "A note's text holds no control character other than newline.";
        }

        return text.EnumerateRunes().Any(r => r == Rune.ReplacementChar) ? "A note's text is valid UTF-8." : null;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Concordat.Core.Federation;

/// <summary>
/// A signed request or response of an exchange across federation nodes, or an agreement a provider's node publishes.
/// The message is UTF-8 text of lines, each ending in a line feed: a first line
/// <c>concordat.federation/exchange/v1 request</c> (or <c>response</c>, <c>agreement</c>), then one <c>name value</c>
/// line per member in a fixed order (<see cref="RequestMembers"/>, <see cref="ResponseMembers"/>, <see cref="AgreementMembers"/>),
/// then <c>signature THUMBPRINT BASE64</c>, where THUMBPRINT is the base64url SHA-256 of the signing node's
/// certificate (its <c>x5t#S256</c>) and BASE64 is the ECDSA P-256 SHA-256 signature (IEEE P1363, r||s, 64 bytes) of
/// every byte before the signature line, made with that certificate's key. The message's digest is SHA-256 of all
/// its bytes, signature line included: that is what both nodes' audit entries record. Values hold no white space or
/// control characters. Immutable; thread safe.
/// </summary>
public sealed class SignedExchangeMessage
{
    /// <summary>The first word of the first line.</summary>
    public const string Format = "concordat.federation/exchange/v1";

    /// <summary>Longest message accepted, in bytes.</summary>
    public const int MaxLength = 4096;

    /// <summary>The members of a request, in order: exchange id, consumer organisation, provider organisation, the consumer's API client, action, time (RFC 3339 UTC, seconds) and body (base64 SHA-256 of the exact body bytes).</summary>
    public static readonly IReadOnlyList<string> RequestMembers = ["id", "from", "to", "client", "action", "time", "body"];

    /// <summary>The members of a response, in order: exchange id, provider, consumer, request (base64 digest of the signed request), HTTP status, outcome (<c>permitted</c> or the refusal's code), time and body.</summary>
    public static readonly IReadOnlyList<string> ResponseMembers = ["id", "from", "to", "request", "status", "outcome", "time", "body"];

    /// <summary>
    /// The members of an agreement as a provider's node publishes it on its register, in order: agreement id, provider
    /// organisation, version, status (as the register spells it), time and body (base64 SHA-256 of the exact register
    /// document bytes). Its own first line (<c>... agreement</c>) keeps such a signature from ever passing as a request
    /// or response.
    /// </summary>
    public static readonly IReadOnlyList<string> AgreementMembers = ["id", "from", "version", "status", "time", "body"];

    private readonly Dictionary<string, string> _members;

    private SignedExchangeMessage(string kind, Dictionary<string, string> members, string text, int signedLength, string signer, byte[] signature)
    {
        Kind = kind;
        _members = members;
        Text = text;
        SignedLength = signedLength;
        SignerThumbprint = signer;
        Signature = signature;
        Digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }

    /// <summary><c>request</c>, <c>response</c> or <c>agreement</c>.</summary>
    public string Kind { get; }

    /// <summary>The whole message as sent, signature line included.</summary>
    public string Text { get; }

    /// <summary>SHA-256 of <see cref="Text"/>'s UTF-8 bytes.</summary>
    public byte[] Digest { get; }

    /// <summary>The base64url SHA-256 thumbprint of the certificate whose key signed.</summary>
    public string SignerThumbprint { get; }

    private int SignedLength { get; }

    private byte[] Signature { get; }

    /// <summary>A member's value.</summary>
    public string this[string name] => _members[name];

    /// <summary>The base64 SHA-256 of <paramref name="body"/>, as the <c>body</c> member carries it.</summary>
    public static string BodyDigest(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    /// <summary>An instant as a message carries it.</summary>
    public static string TimeText(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Signs a message of <paramref name="kind"/> with the members in their fixed order.</summary>
    /// <exception cref="ArgumentException">A member is missing, out of order or holds white space.</exception>
    public static SignedExchangeMessage Sign(string kind, IReadOnlyList<KeyValuePair<string, string>> members, ECDsa key, string thumbprint)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(key);
        var names = NamesOf(kind);
        if (members.Count != names.Count || members.Where((m, i) => m.Key != names[i] || !IsValue(m.Value)).Any())
        {
            throw new ArgumentException($"A {kind} message has the members {string.Join(", ", names)}, in order, each a value without white space.", nameof(members));
        }

        var text = new StringBuilder().Append(Format).Append(' ').Append(kind).Append('\n');
        foreach (var (name, value) in members)
        {
            text.Append(name).Append(' ').Append(value).Append('\n');
        }

        var signed = text.ToString();
        var signature = key.SignData(Encoding.UTF8.GetBytes(signed), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var whole = signed + "signature " + thumbprint + " " + Convert.ToBase64String(signature) + "\n";
        return new SignedExchangeMessage(kind, members.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal), whole, signed.Length, thumbprint, signature);
    }

    /// <summary>Parses a message of <paramref name="kind"/> strictly (every member once, in order); the signature is checked by <see cref="VerifiedBy"/>.</summary>
    public static Result<SignedExchangeMessage> Parse(string? text, string kind)
    {
        var names = NamesOf(kind);
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !text.EndsWith('\n') || text.Any(c => c > 0x7e || (c < 0x20 && c != '\n')))
        {
            return Malformed(kind, "it is empty, too long, not printable ASCII or not ended by a line feed");
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length != names.Count + 2 || lines[0] != Format + " " + kind)
        {
            return Malformed(kind, $"it does not start with '{Format} {kind}' or has the wrong number of lines");
        }

        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var parts = lines[i + 1].Split(' ');
            if (parts.Length != 2 || parts[0] != names[i] || !IsValue(parts[1]))
            {
                return Malformed(kind, $"line {i + 2} is not '{names[i]} VALUE'");
            }

            members[names[i]] = parts[1];
        }

        var signatureLine = lines[^1].Split(' ');
        var signature = new byte[64];
        if (signatureLine.Length != 3 || signatureLine[0] != "signature" || signatureLine[1].Length != 43
            || !Convert.TryFromBase64String(signatureLine[2], signature, out var written) || written != 64)
        {
            return Malformed(kind, "the last line is not 'signature THUMBPRINT SIGNATURE'");
        }

        var signedLength = text.Length - lines[^1].Length - 1;
        return new SignedExchangeMessage(kind, members, text, signedLength, signatureLine[1], signature);
    }

    /// <summary>Whether the signature verifies under <paramref name="publicKey"/> (the key of the certificate <see cref="SignerThumbprint"/> names).</summary>
    public bool VerifiedBy(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return publicKey.VerifyData(Encoding.UTF8.GetBytes(Text[..SignedLength]), Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The <c>time</c> member as an instant, or null when it is not RFC 3339 UTC to the second.</summary>
    public DateTimeOffset? Time =>
        DateTimeOffset.TryParseExact(_members["time"], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    private static IReadOnlyList<string> NamesOf(string kind) => kind switch
    {
        "request" => RequestMembers,
        "response" => ResponseMembers,
        "agreement" => AgreementMembers,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A message is a request, a response or an agreement."),
    };

    private static bool IsValue(string? value) => !string.IsNullOrEmpty(value) && value.Length <= 256 && value.All(c => c is > ' ' and <= '~');

    private static Error Malformed(string kind, string why) =>
        Error.Validation("federation.message_malformed", $"The signed {kind} is malformed: {why}.");
}

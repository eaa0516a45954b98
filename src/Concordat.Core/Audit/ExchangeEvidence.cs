using System.Security.Cryptography;

namespace Concordat.Core.Audit;

/// <summary>
/// What an audit entry of a federated exchange records so that neither node can later deny it: the other node, the
/// exchange's id, and the SHA-256 digests of the signed request and of the signed response (docs/federation.md,
/// "Exchange across nodes", defines both messages and their signatures). Both nodes' entries of one exchange carry the
/// same id and digests. Immutable.
/// </summary>
public sealed record ExchangeEvidence
{
    /// <summary>Size of each digest in bytes (SHA-256).</summary>
    public const int DigestSize = 32;

    /// <summary>Creates evidence, checking every member's form.</summary>
    /// <param name="peerOrganisationId">The other node's organisation: the provider at the consumer's node, the consumer at the provider's.</param>
    /// <param name="exchangeId">The exchange's id: 32 lower-case hex digits, chosen by the consumer's node.</param>
    /// <param name="requestDigest">SHA-256 of the signed request message.</param>
    /// <param name="responseDigest">SHA-256 of the signed response message; null when no signed response was had (the provider could not be reached or answered unsigned).</param>
    public ExchangeEvidence(string peerOrganisationId, string exchangeId, byte[] requestDigest, byte[]? responseDigest)
    {
        if (AuditEntry.Bound(peerOrganisationId) is not { Length: > 0 } peer || peer == AuditEntry.Withheld)
        {
            throw new ArgumentException("The peer organisation is not an id an audit entry can hold.", nameof(peerOrganisationId));
        }

        if (!IsExchangeId(exchangeId))
        {
            throw new ArgumentException("An exchange id is 32 lower-case hex digits.", nameof(exchangeId));
        }

        ArgumentNullException.ThrowIfNull(requestDigest);
        if (requestDigest.Length != DigestSize || responseDigest is { Length: not DigestSize })
        {
            throw new ArgumentException($"A digest is {DigestSize} bytes.");
        }

        PeerOrganisationId = peer;
        ExchangeId = exchangeId;
        RequestDigest = (byte[])requestDigest.Clone();
        // Spelt out as statements: in a conditional expression, null would convert through byte[] to an empty,
        // non-null memory.
        if (responseDigest is not null)
        {
            ResponseDigest = new ReadOnlyMemory<byte>((byte[])responseDigest.Clone());
        }
    }

    /// <summary>The other node's organisation.</summary>
    public string PeerOrganisationId { get; }

    /// <summary>The exchange's id (32 lower-case hex digits).</summary>
    public string ExchangeId { get; }

    /// <summary>SHA-256 of the signed request message (32 bytes).</summary>
    public ReadOnlyMemory<byte> RequestDigest { get; }

    /// <summary>SHA-256 of the signed response message (32 bytes), or null when there was none.</summary>
    public ReadOnlyMemory<byte>? ResponseDigest { get; }

    /// <summary>A fresh random exchange id.</summary>
    public static string NewExchangeId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="value"/> has the form of an exchange id.</summary>
    public static bool IsExchangeId(string? value) =>
        value is { Length: 32 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <inheritdoc />
    public bool Equals(ExchangeEvidence? other) =>
        other is not null && PeerOrganisationId == other.PeerOrganisationId && ExchangeId == other.ExchangeId
        && RequestDigest.Span.SequenceEqual(other.RequestDigest.Span)
        && (ResponseDigest is null ? other.ResponseDigest is null : other.ResponseDigest is { } theirs && ResponseDigest.Value.Span.SequenceEqual(theirs.Span));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(PeerOrganisationId, ExchangeId);
}

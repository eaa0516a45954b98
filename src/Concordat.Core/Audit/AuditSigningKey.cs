using System.Security.Cryptography;
using System.Text;

namespace Concordat.Core.Audit;

/// <summary>
/// The hub's checkpoint signing key (ECDSA P-256). Kept sealed under the master key by its owner (docs/adr/0006);
/// this type only signs. Thread safe.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    private readonly ECDsa _key;

    private AuditSigningKey(ECDsa key)
    {
        _key = key;
        PublicKey = AuditPublicKey.FromPoint(key.ExportParameters(includePrivateParameters: false).Q);
    }

    /// <summary>The public half, for verifiers and the well-known JWK.</summary>
    public AuditPublicKey PublicKey { get; }

    /// <summary>The key id checkpoints carry.</summary>
    public string KeyId => PublicKey.KeyId;

    /// <summary>A new random P-256 key.</summary>
    public static AuditSigningKey Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads a PKCS#8 private key; it must be on P-256.</summary>
    /// <exception cref="CryptographicException">The bytes are not a P-256 PKCS#8 private key.</exception>
    public static AuditSigningKey FromPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new CryptographicException("The audit signing key is not a P-256 key.");
        }

        return new AuditSigningKey(key);
    }

    /// <summary>The private key as PKCS#8, for sealing; the caller clears it after use.</summary>
    public byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    /// <summary>Signs a checkpoint of the given state.</summary>
    public Checkpoint Sign(string origin, long treeSize, byte[] rootHash, DateTimeOffset time)
    {
        var normalised = CheckpointBody.NormaliseTime(time);
        var body = CheckpointBody.Format(origin, treeSize, rootHash, normalised);
        var signature = _key.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new Checkpoint(origin, treeSize, rootHash.ToArray(), normalised, KeyId, signature);
    }

    /// <summary>Releases the key.</summary>
    public void Dispose()
    {
        PublicKey.Dispose();
        _key.Dispose();
    }
}

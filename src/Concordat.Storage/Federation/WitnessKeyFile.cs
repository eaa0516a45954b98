using System.Security.Cryptography;
using Concordat.Core.Federation;
using Concordat.Core.Keys;
using Concordat.Storage.Keys;

namespace Concordat.Storage.Federation;

/// <summary>
/// A node's witness cosigning key (Ed25519, c2sp.org/tlog-cosignature), a 32-byte seed sealed under the master key
/// in the keys directory (<c>witness-cosign.sealed</c>), created on first use like the node's other keys (docs/adr/0006).
/// </summary>
public static class WitnessKeyFile
{
    /// <summary>File name of the sealed cosigning key.</summary>
    public const string FileName = "witness-cosign.sealed";

    /// <summary>Sealing purpose of the cosigning key.</summary>
    public const string Purpose = "concordat/witness-cosign";

    /// <summary>The cosigner named <paramref name="name"/>, its key created on first use.</summary>
    /// <exception cref="CryptographicException">The file was altered or sealed under another master key.</exception>
    public static CosignatureSigner LoadOrCreate(string keysDirectory, KeySealer sealer, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        OwnerOnlyFiles.CreateDirectory(keysDirectory);
        var (seed, _) = SealedKeyFile.LoadOrCreate(Path.Combine(keysDirectory, FileName), sealer, Purpose, CosignatureSigner.NewSeed);
        try
        {
            return CosignatureSigner.FromSeed(name, seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>The witness key name a node uses by default: its audit origin's first segment and <c>/witness</c> (<c>hmrc.concordat/audit</c> gives <c>hmrc.concordat/witness</c>).</summary>
    public static string DefaultName(string auditOrigin)
    {
        ArgumentException.ThrowIfNullOrEmpty(auditOrigin);
        var slash = auditOrigin.IndexOf('/', StringComparison.Ordinal);
        return (slash > 0 ? auditOrigin[..slash] : auditOrigin) + "/witness";
    }
}

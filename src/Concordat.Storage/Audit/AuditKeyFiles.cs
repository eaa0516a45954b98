using System.Security.Cryptography;
using Concordat.Core.Audit;
using Concordat.Core.Keys;
using Concordat.Storage.Keys;

namespace Concordat.Storage.Audit;

/// <summary>
/// The audit log's two secrets, each in the keys directory sealed under the master key (docs/adr/0006) and created
/// on first use: the checkpoint signing key (<c>audit-checkpoint.sealed</c>, PKCS#8 P-256) and the subject-key secret
/// (<c>audit-subject.sealed</c>, 32 random bytes).
/// </summary>
public static class AuditKeyFiles
{
    /// <summary>File name of the sealed checkpoint signing key.</summary>
    public const string SigningKeyFileName = "audit-checkpoint.sealed";

    /// <summary>File name of the sealed subject-key secret.</summary>
    public const string SubjectSecretFileName = "audit-subject.sealed";

    /// <summary>Sealing purpose of the checkpoint signing key.</summary>
    public const string SigningPurpose = "concordat/audit-checkpoint";

    /// <summary>Sealing purpose of the subject-key secret.</summary>
    public const string SubjectPurpose = "concordat/audit-subject-key";

    /// <summary>Loads the checkpoint signing key, creating it on first use.</summary>
    /// <exception cref="CryptographicException">The file was altered or sealed under another master key.</exception>
    public static (AuditSigningKey Key, bool Created) LoadOrCreateSigningKey(string keysDirectory, KeySealer sealer)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        OwnerOnlyFiles.CreateDirectory(keysDirectory);
        var (pkcs8, created) = SealedKeyFile.LoadOrCreate(Path.Combine(keysDirectory, SigningKeyFileName), sealer, SigningPurpose, () =>
        {
            using var fresh = AuditSigningKey.Create();
            return fresh.ExportPkcs8();
        });
        try
        {
            return (AuditSigningKey.FromPkcs8(pkcs8), created);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Loads the subject-key secret, creating it on first use.</summary>
    /// <exception cref="CryptographicException">The file was altered or sealed under another master key.</exception>
    public static (SubjectKeyer Keyer, bool Created) LoadOrCreateSubjectKeyer(string keysDirectory, KeySealer sealer)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        OwnerOnlyFiles.CreateDirectory(keysDirectory);
        var (secret, created) = SealedKeyFile.LoadOrCreate(Path.Combine(keysDirectory, SubjectSecretFileName), sealer, SubjectPurpose, SubjectKeyer.NewSecret);
        try
        {
            return (new SubjectKeyer(secret), created);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}

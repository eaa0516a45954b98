using System.Security.Cryptography;
using System.Text;
using Concordat.Core;
using Concordat.Core.Federation;
using Concordat.Core.Keys;
using Concordat.Storage.Keys;

namespace Concordat.Storage.Federation;

/// <summary>
/// The federation's private keys on disk. A node's TLS key is sealed under the master key in the hub's keys directory
/// (<c>federation-node.sealed</c>, PKCS#8 P-256), like its other keys (docs/adr/0006). The operator's two keys (the
/// certificate authority's and the configuration signing key) are either sealed under the master key in the
/// federation directory, or, when the operator names a key directory (an encrypted volume, removable media), kept
/// there in plain files readable by the owner only: <c>ca.key</c> (PEM PKCS#8) and <c>signing.key</c> (the signed-note
/// <c>PRIVATE+KEY+...</c> form); a key file others can read is refused.
/// </summary>
public static class FederationKeyFiles
{
    /// <summary>File name of the node's sealed TLS key in the keys directory.</summary>
    public const string NodeKeyFileName = "federation-node.sealed";

    /// <summary>Sealing purpose of the node's TLS key.</summary>
    public const string NodePurpose = "concordat/federation-node";

    /// <summary>Sealing purpose of the federation CA's key.</summary>
    public const string AuthorityPurpose = "concordat/federation-ca";

    /// <summary>Sealing purpose of the configuration signing key.</summary>
    public const string SigningPurpose = "concordat/federation-signing";

    /// <summary>The sealed CA key's file name in the federation directory.</summary>
    public const string SealedAuthorityFileName = "ca-key.sealed";

    /// <summary>The sealed signing key's file name in the federation directory.</summary>
    public const string SealedSigningFileName = "signing-key.sealed";

    /// <summary>The plain CA key's file name in an operator's key directory.</summary>
    public const string PlainAuthorityFileName = "ca.key";

    /// <summary>The plain signing key's file name in an operator's key directory.</summary>
    public const string PlainSigningFileName = "signing.key";

    /// <summary>Whether the node already has a TLS key.</summary>
    public static bool NodeKeyExists(string keysDirectory) => File.Exists(Path.Combine(keysDirectory, NodeKeyFileName));

    /// <summary>Creates the node's TLS key; refuses to replace one (a new key needs a new certificate).</summary>
    /// <exception cref="IOException">A node key already exists.</exception>
    public static ECDsa CreateNodeKey(string keysDirectory, KeySealer sealer)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        ArgumentNullException.ThrowIfNull(sealer);
        OwnerOnlyFiles.CreateDirectory(keysDirectory);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            if (!OwnerOnlyFiles.WriteIfAbsent(Path.Combine(keysDirectory, NodeKeyFileName), Convert.ToBase64String(sealer.Seal(pkcs8, NodePurpose)) + "\n"))
            {
                key.Dispose();
                throw new IOException($"The node already has a federation key ({NodeKeyFileName} in {keysDirectory}); remove it first to make a new one.");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        return key;
    }

    /// <summary>Loads the node's TLS key.</summary>
    /// <exception cref="FileNotFoundException">The node has no key yet.</exception>
    /// <exception cref="CryptographicException">The file was altered or sealed under another master key.</exception>
    public static ECDsa LoadNodeKey(string keysDirectory, KeySealer sealer)
    {
        var path = Path.Combine(keysDirectory, NodeKeyFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The node has no federation key ({path}); run `concordat federation node-request` first.", path);
        }

        var pkcs8 = SealedKeyFile.Load(path, sealer, NodePurpose);
        try
        {
            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Writes the operator's CA key and configuration signing key, sealed or in the key directory.</summary>
    /// <exception cref="IOException">Either key already exists.</exception>
    public static void WriteOperatorKeys(string federationDirectory, string? keyDirectory, KeySealer? sealer, ECDsa authorityKey, NoteSigner signer)
    {
        ArgumentNullException.ThrowIfNull(authorityKey);
        ArgumentNullException.ThrowIfNull(signer);
        var pkcs8 = authorityKey.ExportPkcs8PrivateKey();
        try
        {
            if (keyDirectory is null)
            {
                ArgumentNullException.ThrowIfNull(sealer);
                WriteNew(Path.Combine(federationDirectory, SealedAuthorityFileName), Convert.ToBase64String(sealer.Seal(pkcs8, AuthorityPurpose)) + "\n");
                WriteNew(Path.Combine(federationDirectory, SealedSigningFileName), Convert.ToBase64String(sealer.Seal(Encoding.UTF8.GetBytes(signer.ToSignerKey()), SigningPurpose)) + "\n");
            }
            else
            {
                OwnerOnlyFiles.CreateDirectory(keyDirectory);
                WriteNew(Path.Combine(keyDirectory, PlainAuthorityFileName), PemEncodingText("PRIVATE KEY", pkcs8));
                WriteNew(Path.Combine(keyDirectory, PlainSigningFileName), signer.ToSignerKey() + "\n");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Loads the CA's private key.</summary>
    public static ECDsa LoadAuthorityKey(string federationDirectory, string? keyDirectory, Func<KeySealer> sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        var key = ECDsa.Create();
        if (keyDirectory is null)
        {
            var pkcs8 = SealedKeyFile.Load(Path.Combine(federationDirectory, SealedAuthorityFileName), sealer(), AuthorityPurpose);
            try
            {
                key.ImportPkcs8PrivateKey(pkcs8, out _);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }
        }
        else
        {
            key.ImportFromPem(ReadPlain(Path.Combine(keyDirectory, PlainAuthorityFileName)));
        }

        return key;
    }

    /// <summary>Loads the configuration signing key.</summary>
    /// <exception cref="InvalidDataException">The file does not hold a signing key.</exception>
    public static NoteSigner LoadSigner(string federationDirectory, string? keyDirectory, Func<KeySealer> sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        string text;
        if (keyDirectory is null)
        {
            var bytes = SealedKeyFile.Load(Path.Combine(federationDirectory, SealedSigningFileName), sealer(), SigningPurpose);
            text = Encoding.UTF8.GetString(bytes);
            CryptographicOperations.ZeroMemory(bytes);
        }
        else
        {
            text = ReadPlain(Path.Combine(keyDirectory, PlainSigningFileName));
        }

        var signer = NoteSigner.Parse(text);
        return signer.IsSuccess ? signer.Value : throw new InvalidDataException(signer.Errors[0].Message);
    }

    private static string ReadPlain(string path)
    {
        if (OwnerOnlyFiles.IsExposed(path))
        {
            throw new IOException($"The key file {path} is readable by other users; restrict it to its owner (chmod 600) before it is used.");
        }

        return File.ReadAllText(path);
    }

    private static void WriteNew(string path, string contents)
    {
        if (!OwnerOnlyFiles.WriteIfAbsent(path, contents))
        {
            throw new IOException($"{path} already exists; a federation's keys are made once.");
        }
    }

    private static string PemEncodingText(string label, byte[] der) => new string(PemEncoding.Write(label, der)) + "\n";
}

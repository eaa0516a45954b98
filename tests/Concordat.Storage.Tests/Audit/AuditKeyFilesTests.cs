using Concordat.Core.Catalogue;
using Concordat.Core.Keys;
using Concordat.Storage.Audit;

namespace Concordat.Storage.Tests.Audit;

public sealed class AuditKeyFilesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Keys_are_created_sealed_once_and_reloaded_the_same()
    {
        using var sealer = new KeySealer(KeySealer.NewMasterKey());
        var (key, created) = AuditKeyFiles.LoadOrCreateSigningKey(_directory, sealer);
        var (again, createdAgain) = AuditKeyFiles.LoadOrCreateSigningKey(_directory, sealer);
        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(key.KeyId, again.KeyId);

        var (keyer, _) = AuditKeyFiles.LoadOrCreateSubjectKeyer(_directory, sealer);
        var (keyerAgain, _) = AuditKeyFiles.LoadOrCreateSubjectKeyer(_directory, sealer);
        Assert.Equal(keyer.For(IdentifierKind.Nino, "AB123456C").Value, keyerAgain.For(IdentifierKind.Nino, "AB123456C").Value);

        var sealedText = File.ReadAllText(Path.Combine(_directory, AuditKeyFiles.SigningKeyFileName)).Trim();
        Assert.Equal(sealer.MasterKeyId, KeySealer.SealedUnder(Convert.FromBase64String(sealedText)));
        Assert.DoesNotContain(Convert.ToBase64String(key.ExportPkcs8()), sealedText, StringComparison.Ordinal);

        using var otherMaster = new KeySealer(KeySealer.NewMasterKey());
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => AuditKeyFiles.LoadOrCreateSigningKey(_directory, otherMaster));
        key.Dispose();
        again.Dispose();
        keyer.Dispose();
        keyerAgain.Dispose();
    }
}

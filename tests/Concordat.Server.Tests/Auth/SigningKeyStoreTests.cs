using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Keys;
using Concordat.Server.Auth;

namespace Concordat.Server.Tests.Auth;

public sealed class SigningKeyStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-signing-" + Guid.NewGuid().ToString("N"));
    private readonly KeySealer _sealer = new(KeySealer.NewMasterKey());

    public void Dispose()
    {
        _sealer.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Key_file_holds_no_private_key_in_the_clear_and_reloads_to_the_same_key()
    {
        var (created, wasCreated) = SigningKeyStore.LoadOrCreate(_directory, _sealer);
        using (created)
        {
            Assert.True(wasCreated);
            var text = File.ReadAllText(Path.Combine(_directory, SigningKeyStore.FileName));
            Assert.DoesNotContain("\"d\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain(created.X, text, StringComparison.Ordinal);
            var (loaded, createdAgain) = SigningKeyStore.LoadOrCreate(_directory, _sealer);
            using (loaded)
            {
                Assert.False(createdAgain);
                Assert.Equal(created.KeyId, loaded.KeyId);
            }
        }
    }

    [Fact]
    public void Plain_key_left_by_an_older_hub_is_sealed_and_removed()
    {
        Directory.CreateDirectory(_directory);
        using var old = new TokenSigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var legacy = Path.Combine(_directory, "token-signing.json");
        File.WriteAllText(legacy, old.PrivateJwk().ToJsonString(), Encoding.UTF8);

        var (key, created) = SigningKeyStore.LoadOrCreate(_directory, _sealer);
        using (key)
        {
            Assert.False(created);
            Assert.Equal(old.KeyId, key.KeyId);
            Assert.False(File.Exists(legacy));
            Assert.True(File.Exists(Path.Combine(_directory, SigningKeyStore.FileName)));
        }
    }

    [Fact]
    public void Key_sealed_under_another_master_key_stops_the_start_with_a_message()
    {
        using (SigningKeyStore.LoadOrCreate(_directory, _sealer).Key)
        {
        }

        using var other = new KeySealer(KeySealer.NewMasterKey());
        var ex = Assert.ThrowsAny<CryptographicException>(() => SigningKeyStore.LoadOrCreate(_directory, other));
        Assert.Contains("master key", ex.Message, StringComparison.Ordinal);
    }
}

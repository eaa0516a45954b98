using System.Security.Cryptography;
using Concordat.Core.Keys;
using Concordat.Storage.Keys;

namespace Concordat.Storage.Tests.Keys;

public sealed class MasterKeyFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-keys-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void First_use_creates_an_owner_only_key_file_and_later_uses_reload_it()
    {
        var (first, source, created) = MasterKeyFile.LoadOrCreate(_directory, environmentValue: null);
        using (first)
        {
            Assert.True(created);
            Assert.Equal(MasterKeySource.File, source);
            var (second, _, createdAgain) = MasterKeyFile.LoadOrCreate(_directory, environmentValue: null);
            using (second)
            {
                Assert.False(createdAgain);
                Assert.Equal(first.MasterKeyId, second.MasterKeyId);
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, MasterKeyFile.FileName)));
        }
    }

    [Fact]
    public void Environment_value_wins_and_writes_no_file()
    {
        var key = KeySealer.NewMasterKey();
        var (sealer, source, created) = MasterKeyFile.LoadOrCreate(_directory, Convert.ToBase64String(key));
        using (sealer)
        {
            using var expected = new KeySealer(key);
            Assert.Equal(MasterKeySource.Environment, source);
            Assert.False(created);
            Assert.Equal(expected.MasterKeyId, sealer.MasterKeyId);
            Assert.False(File.Exists(Path.Combine(_directory, MasterKeyFile.FileName)));
        }
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Bad_environment_value_is_refused_with_a_message(string value)
    {
        var ex = Assert.Throws<InvalidDataException>(() => MasterKeyFile.LoadOrCreate(_directory, value));
        Assert.Contains(MasterKeyFile.EnvironmentVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sealed_key_file_round_trips_and_survives_restart_but_not_another_master_key()
    {
        var path = Path.Combine(_directory, "thing.sealed");
        Directory.CreateDirectory(_directory);
        using var sealer = new KeySealer(KeySealer.NewMasterKey());
        var (plaintext, created) = SealedKeyFile.LoadOrCreate(path, sealer, "p", () => RandomNumberGenerator.GetBytes(32));
        Assert.True(created);
        var (again, createdAgain) = SealedKeyFile.LoadOrCreate(path, sealer, "p", () => throw new InvalidOperationException("must not create"));
        Assert.False(createdAgain);
        Assert.Equal(plaintext, again);
        Assert.DoesNotContain(Convert.ToBase64String(plaintext), File.ReadAllText(path), StringComparison.Ordinal);

        using var other = new KeySealer(KeySealer.NewMasterKey());
        Assert.ThrowsAny<CryptographicException>(() => SealedKeyFile.Load(path, other, "p"));
    }
}

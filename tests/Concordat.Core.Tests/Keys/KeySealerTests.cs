using System.Security.Cryptography;
using Concordat.Core.Keys;
using CsCheck;

namespace Concordat.Core.Tests.Keys;

public sealed class KeySealerTests
{
    [Fact]
    public void Seal_then_unseal_returns_the_plaintext_for_any_bytes()
    {
        using var sealer = new KeySealer(KeySealer.NewMasterKey());
        Gen.Byte.Array[0, 512].Sample(plaintext =>
        {
            var sealedBlob = sealer.Seal(plaintext, "test/purpose");
            Assert.Equal(plaintext, sealer.Unseal(sealedBlob, "test/purpose"));
        });
    }

    [Fact]
    public void Sealed_blob_does_not_contain_the_plaintext_and_differs_each_time()
    {
        using var sealer = new KeySealer(KeySealer.NewMasterKey());
        var secret = RandomNumberGenerator.GetBytes(32);
        var first = sealer.Seal(secret, "p");
        var second = sealer.Seal(secret, "p");
        Assert.NotEqual(first, second);
        Assert.Equal(-1, first.AsSpan().IndexOf(secret.AsSpan(0, 8)));
    }

    [Fact]
    public void Unseal_for_another_purpose_fails()
    {
        using var sealer = new KeySealer(KeySealer.NewMasterKey());
        var sealedBlob = sealer.Seal([1, 2, 3], "token-signing");
        var ex = Assert.ThrowsAny<CryptographicException>(() => sealer.Unseal(sealedBlob, "pseudonymisation"));
        Assert.Contains("pseudonymisation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unseal_under_another_master_key_names_both_key_ids()
    {
        using var sealer = new KeySealer(KeySealer.NewMasterKey());
        using var other = new KeySealer(KeySealer.NewMasterKey());
        var sealedBlob = sealer.Seal([1, 2, 3], "p");
        var ex = Assert.ThrowsAny<CryptographicException>(() => other.Unseal(sealedBlob, "p"));
        Assert.Contains(sealer.MasterKeyId, ex.Message, StringComparison.Ordinal);
        Assert.Contains(other.MasterKeyId, ex.Message, StringComparison.Ordinal);
        Assert.Equal(sealer.MasterKeyId, KeySealer.SealedUnder(sealedBlob));
    }

    [Fact]
    public void Any_flipped_bit_is_detected()
    {
        using var sealer = new KeySealer(KeySealer.NewMasterKey());
        var sealedBlob = sealer.Seal("a private key"u8, "p");
        Gen.Int[0, (sealedBlob.Length * 8) - 1].Sample(bit =>
        {
            var altered = (byte[])sealedBlob.Clone();
            altered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.ThrowsAny<CryptographicException>(() => sealer.Unseal(altered, "p"));
        });
    }

    [Fact]
    public void Master_key_must_be_32_bytes()
    {
        Assert.Throws<ArgumentException>(() => new KeySealer(new byte[16]));
    }

    [Fact]
    public void Truncated_or_foreign_bytes_are_not_a_sealed_key()
    {
        using var sealer = new KeySealer(KeySealer.NewMasterKey());
        Assert.ThrowsAny<CryptographicException>(() => sealer.Unseal("CKS1"u8, "p"));
        Assert.ThrowsAny<CryptographicException>(() => sealer.Unseal(new byte[64], "p"));
        Assert.Null(KeySealer.SealedUnder(new byte[64]));
    }
}

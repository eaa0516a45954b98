using System.Security.Cryptography;
using System.Text;
using Concordat.Server.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Tests.Auth;

/// <summary>The remembered-signature set skips only a verification that already succeeded on the very same bytes.</summary>
public sealed class VerifiedSignatureCacheTests : IDisposable
{
    private readonly ECDsa _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsaSecurityKey _key;
    private readonly VerifiedSignatureCache _cache = new();

    public VerifiedSignatureCacheTests() => _key = new ECDsaSecurityKey(_ecdsa) { KeyId = "test-key" };

    [Fact]
    public void A_good_signature_verifies_and_is_remembered()
    {
        var (input, signature) = Signed("header.claims");
        Assert.True(Verify(input, signature));
        Assert.Equal(1, _cache.Count);
        Assert.True(Verify(input, signature));
        Assert.Equal(1, _cache.Count);
    }

    [Fact]
    public void A_remembered_signature_does_not_cover_changed_bytes()
    {
        var (input, signature) = Signed("header.claims");
        Assert.True(Verify(input, signature));

        var changed = Encoding.ASCII.GetBytes("header.claimz");
        Assert.False(Verify(changed, signature));
        var flipped = (byte[])signature.Clone();
        flipped[^1] ^= 1;
        Assert.False(Verify(input, flipped));
        Assert.Equal(1, _cache.Count);
    }

    [Fact]
    public void A_bad_signature_is_never_remembered()
    {
        var (input, _) = Signed("header.claims");
        var forged = new byte[64];
        Assert.False(Verify(input, forged));
        Assert.False(Verify(input, forged));
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void A_signature_remembered_for_one_key_does_not_verify_under_another()
    {
        var (input, signature) = Signed("header.claims");
        Assert.True(Verify(input, signature));

        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherKey = new ECDsaSecurityKey(other) { KeyId = "other-key" };
        var provider = _cache.CreateForVerifying(otherKey, SecurityAlgorithms.EcdsaSha256);
        try
        {
            Assert.False(provider.Verify(input, signature));
        }
        finally
        {
            _cache.ReleaseSignatureProvider(provider);
        }
    }

    [Fact]
    public void The_set_is_emptied_when_full_and_still_verifies()
    {
        for (var i = 0; i <= VerifiedSignatureCache.Capacity; i++)
        {
            var (input, signature) = Signed("token-" + i);
            Assert.True(Verify(input, signature));
        }

        Assert.InRange(_cache.Count, 1, VerifiedSignatureCache.Capacity);
    }

    public void Dispose() => _ecdsa.Dispose();

    private (byte[] Input, byte[] Signature) Signed(string text)
    {
        var input = Encoding.ASCII.GetBytes(text);
        return (input, _ecdsa.SignData(input, HashAlgorithmName.SHA256));
    }

    private bool Verify(byte[] input, byte[] signature)
    {
        var provider = _cache.CreateForVerifying(_key, SecurityAlgorithms.EcdsaSha256);
        try
        {
            return provider.Verify(input, 0, input.Length, signature, 0, signature.Length);
        }
        finally
        {
            _cache.ReleaseSignatureProvider(provider);
        }
    }
}

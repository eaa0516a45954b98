using System.Text;
using Concordat.Core.Audit;

namespace Concordat.Core.Tests.Audit;

public sealed class CheckpointTests
{
    private static readonly byte[] Root = MerkleHashes.Leaf("root"u8);

    [Fact]
    public void A_signed_checkpoint_verifies_with_the_public_jwk_alone()
    {
        using var key = AuditSigningKey.Create();
        var checkpoint = key.Sign("hub.example/audit", 42, Root, AuditSamples.Start);
        using var published = AuditPublicKey.FromJwk(key.PublicKey.ToJwk()).Value;
        Assert.Equal(key.KeyId, published.KeyId);
        Assert.True(published.Verify(checkpoint));
        Assert.Equal("hub.example/audit\n42\n" + Convert.ToBase64String(Root) + "\ntime 2026-11-25T09:00:00.000Z\n", checkpoint.Body());
    }

    [Fact]
    public void Altered_size_root_time_origin_or_signature_and_the_wrong_key_are_rejected()
    {
        using var key = AuditSigningKey.Create();
        using var other = AuditSigningKey.Create();
        var checkpoint = key.Sign("hub.example/audit", 42, Root, AuditSamples.Start);
        var flippedRoot = Root.ToArray();
        flippedRoot[31] ^= 1;
        var flippedSignature = checkpoint.Signature.ToArray();
        flippedSignature[10] ^= 0x40;
        Assert.False(key.PublicKey.Verify(checkpoint with { TreeSize = 43 }));
        Assert.False(key.PublicKey.Verify(checkpoint with { RootHash = flippedRoot }));
        Assert.False(key.PublicKey.Verify(checkpoint with { Time = checkpoint.Time.AddMilliseconds(1) }));
        Assert.False(key.PublicKey.Verify(checkpoint with { Origin = "hub.example/audit2" }));
        Assert.False(key.PublicKey.Verify(checkpoint with { Signature = flippedSignature }));
        Assert.False(other.PublicKey.Verify(checkpoint));
        Assert.False(other.PublicKey.Verify(checkpoint with { KeyId = other.KeyId }));
    }

    [Fact]
    public void Bodies_parse_strictly()
    {
        using var key = AuditSigningKey.Create();
        var body = key.Sign("hub.example/audit", 42, Root, AuditSamples.Start).Body();
        var parsed = CheckpointBody.Parse(body);
        Assert.True(parsed.IsSuccess);
        Assert.Equal(42, parsed.Value.TreeSize);
        Assert.Equal(Root, parsed.Value.RootHash);
        Assert.Equal(body, CheckpointBody.Format(parsed.Value.Origin, parsed.Value.TreeSize, parsed.Value.RootHash, parsed.Value.Time));

        string[] bad =
        [
            body.Replace("\n42\n", "\n042\n", StringComparison.Ordinal),
            body.Replace("\n42\n", "\n+42\n", StringComparison.Ordinal),
            body.Replace("\n42\n", "\n\n42\n", StringComparison.Ordinal),
            body.Replace("\n", "\r\n", StringComparison.Ordinal),
            body + "\n",
            body.TrimEnd('\n'),
            " " + body,
            body.Replace("time ", "time  ", StringComparison.Ordinal),
            body.Replace(Convert.ToBase64String(Root), Convert.ToBase64String(Root).TrimEnd('='), StringComparison.Ordinal),
        ];
        foreach (var text in bad)
        {
            Assert.False(CheckpointBody.Parse(text).IsSuccess, text);
        }
    }

    [Fact]
    public void Public_jwks_that_are_not_p256_public_keys_are_refused()
    {
        using var key = AuditSigningKey.Create();
        var jwk = System.Text.Json.Nodes.JsonNode.Parse(key.PublicKey.ToJwk())!.AsObject();
        Assert.False(AuditPublicKey.FromJwk("not json").IsSuccess);
        Assert.False(AuditPublicKey.FromJwk("""{"kty":"RSA"}""").IsSuccess);
        var wrongKid = jwk.DeepClone().AsObject();
        wrongKid["kid"] = "abc";
        Assert.False(AuditPublicKey.FromJwk(wrongKid.ToJsonString()).IsSuccess);
        var withPrivate = jwk.DeepClone().AsObject();
        withPrivate["d"] = "AAAA";
        Assert.False(AuditPublicKey.FromJwk(withPrivate.ToJsonString()).IsSuccess);
        var offCurve = jwk.DeepClone().AsObject();
        offCurve["y"] = offCurve["x"]!.GetValue<string>();
        offCurve.Remove("kid");
        Assert.False(AuditPublicKey.FromJwk(offCurve.ToJsonString()).IsSuccess);
    }

    [Fact]
    public void The_private_key_survives_pkcs8_and_signs_with_the_same_key_id()
    {
        using var key = AuditSigningKey.Create();
        var pkcs8 = key.ExportPkcs8();
        using var again = AuditSigningKey.FromPkcs8(pkcs8);
        Assert.Equal(key.KeyId, again.KeyId);
        Assert.True(key.PublicKey.Verify(again.Sign("o", 1, Root, AuditSamples.Start)));
        Assert.Equal(43, Encoding.ASCII.GetByteCount(key.KeyId));
    }
}

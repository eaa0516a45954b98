using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Federation;
using CsCheck;

namespace Concordat.Core.Tests.Federation;

public sealed class SignedExchangeMessageTests
{
    private const string Thumbprint = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static SignedExchangeMessage Request(ECDsa key, string client = "leeds-council-service") => SignedExchangeMessage.Sign("request",
    [
        new("id", new string('0', 32)), new("from", "leeds-council"), new("to", "dwp"), new("client", client), new("action", "lookup"),
        new("time", "2026-12-07T21:00:00Z"), new("body", SignedExchangeMessage.BodyDigest("{}"u8)),
    ], key, Thumbprint);

    [Fact]
    public void A_signed_request_parses_back_verifies_and_has_the_digest_of_its_whole_text()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = Request(key);

        var parsed = SignedExchangeMessage.Parse(signed.Text, "request");

        Assert.True(parsed.IsSuccess);
        Assert.True(parsed.Value.VerifiedBy(key));
        Assert.Equal("dwp", parsed.Value["to"]);
        Assert.Equal(Thumbprint, parsed.Value.SignerThumbprint);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(signed.Text)), parsed.Value.Digest);
        Assert.StartsWith("concordat.federation/exchange/v1 request\nid ", signed.Text, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 21, 0, 0, TimeSpan.Zero), parsed.Value.Time);
    }

    [Fact]
    public void Changing_any_byte_of_the_signed_lines_breaks_the_signature_or_the_parse()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = Request(key);
        var signedLength = signed.Text.LastIndexOf("signature ", StringComparison.Ordinal);
        Gen.Int[0, signedLength - 1].Select(Gen.Char['!', '~']).Sample((position, replacement) =>
        {
            var original = signed.Text[position];
            if (original == replacement || original is '\n' or ' ')
            {
                return;
            }

            var tampered = signed.Text[..position] + replacement + signed.Text[(position + 1)..];
            var parsed = SignedExchangeMessage.Parse(tampered, "request");
            Assert.False(parsed.IsSuccess && parsed.Value.VerifiedBy(key));
        });
    }

    [Fact]
    public void Another_key_does_not_verify_and_a_response_is_not_a_request()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = Request(key);

        Assert.False(SignedExchangeMessage.Parse(signed.Text, "request").Value.VerifiedBy(other));
        Assert.False(SignedExchangeMessage.Parse(signed.Text, "response").IsSuccess);
    }

    [Theory]
    [InlineData("")]
    [InlineData("concordat.federation/exchange/v1 request\n")]
    [InlineData("concordat.federation/exchange/v1 request\nid a\nfrom b\nto c\nclient d\naction e\ntime f\nbody g\nsignature x y\n")]
    [InlineData("concordat.federation/exchange/v1 request\nfrom b\nid a\nto c\nclient d\naction e\ntime f\nbody g\nsignature AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA AAAA\n")]
    public void Malformed_messages_are_refused_with_a_code(string text)
    {
        var parsed = SignedExchangeMessage.Parse(text, "request");

        Assert.False(parsed.IsSuccess);
        Assert.Equal("federation.message_malformed", parsed.Errors[0].Code);
    }

    [Fact]
    public void A_value_with_white_space_cannot_be_signed_so_no_member_can_smuggle_a_line()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Throws<ArgumentException>(() => Request(key, client: "a\nbody x"));
        Assert.Throws<ArgumentException>(() => Request(key, client: "a b"));
    }

    [Fact]
    public void Qualified_dataset_ids_name_the_holding_organisation()
    {
        Assert.True(FederatedDatasetId.TryParse("dwp:dwp-claimants", out var organisation, out var dataset));
        Assert.Equal(("dwp", "dwp-claimants"), (organisation, dataset));
        Assert.False(FederatedDatasetId.TryParse("dwp-claimants", out _, out _));
        Assert.False(FederatedDatasetId.TryParse(":x", out _, out _));
        Assert.False(FederatedDatasetId.TryParse("x:", out _, out _));
        Assert.False(FederatedDatasetId.TryParse("a:b:c", out _, out _));
        Assert.False(FederatedDatasetId.TryParse(null, out _, out _));
    }
}

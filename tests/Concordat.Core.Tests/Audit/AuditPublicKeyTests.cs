using Concordat.Core.Audit;

namespace Concordat.Core.Tests.Audit;

public sealed class AuditPublicKeyTests
{
    [Theory]
    [InlineData("""{"kty":"EC","crv":"P-256","kty":"RSA"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AA","y":"AA","x":"AB"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AA","y":"AA","d":"AA","d":"AB"}""")]
    public void A_key_file_naming_a_member_twice_is_refused_as_invalid(string jwk)
    {
        // Found by fuzzing the schema parser (issue 13.3): a JSON object with a duplicate member threw on first access.
        var key = AuditPublicKey.FromJwk(jwk);
        Assert.False(key.IsSuccess);
        Assert.Equal("audit_key.invalid", key.Errors[0].Code);
    }

    [Fact]
    public void Not_json_is_refused_as_invalid()
    {
        var key = AuditPublicKey.FromJwk("{\"kty\":");
        Assert.False(key.IsSuccess);
        Assert.Equal("audit_key.invalid", key.Errors[0].Code);
    }
}

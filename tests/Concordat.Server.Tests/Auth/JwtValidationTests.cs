using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Auth;

/// <summary>Checklist row 17: every forged, stale or misdirected token is refused with 401.</summary>
public sealed class JwtValidationTests : IClassFixture<ConcordatHost>
{
    private const string ProtectedPath = "/api/v1/organisations";
    private readonly ConcordatHost _host;

    public JwtValidationTests(ConcordatHost host)
    {
        _host = host;
        _host.EnsureStarted();
    }

    [Fact]
    public async Task Hand_made_token_with_the_hub_key_and_right_claims_is_accepted()
    {
        // Control: proves the forgeries below fail for the reason each one names, not because the crafting is wrong.
        var (key, kid) = Jwt.HubKey(_host.DataDirectory);
        using (key)
        {
            await AssertStatusAsync(Jwt.SignEs256(Jwt.Header(kid), Jwt.AdminClaims(DateTimeOffset.UtcNow), key), HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task No_token_is_401_with_a_bearer_challenge()
    {
        using var http = _host.Anonymous();
        using var response = await http.GetAsync(ProtectedPath);
        await Problem.ReadAsync(response, 401);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("")]
    public async Task Garbage_token_is_401(string token) => await AssertStatusAsync(token, HttpStatusCode.Unauthorized);

    [Fact]
    public async Task Expired_token_is_401()
    {
        var (key, kid) = Jwt.HubKey(_host.DataDirectory);
        using (key)
        {
            var claims = Jwt.AdminClaims(DateTimeOffset.UtcNow.AddMinutes(-20));
            await AssertStatusAsync(Jwt.SignEs256(Jwt.Header(kid), claims, key), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Token_without_expiry_is_401()
    {
        var (key, kid) = Jwt.HubKey(_host.DataDirectory);
        using (key)
        {
            var claims = Jwt.AdminClaims(DateTimeOffset.UtcNow);
            claims.Remove("exp");
            await AssertStatusAsync(Jwt.SignEs256(Jwt.Header(kid), claims, key), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Token_not_yet_valid_is_401()
    {
        var (key, kid) = Jwt.HubKey(_host.DataDirectory);
        using (key)
        {
            var claims = Jwt.AdminClaims(DateTimeOffset.UtcNow);
            claims["nbf"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
            await AssertStatusAsync(Jwt.SignEs256(Jwt.Header(kid), claims, key), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Token_signed_by_another_key_with_the_hub_kid_is_401()
    {
        var (hubKey, kid) = Jwt.HubKey(_host.DataDirectory);
        hubKey.Dispose();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await AssertStatusAsync(Jwt.SignEs256(Jwt.Header(kid), Jwt.AdminClaims(DateTimeOffset.UtcNow), attacker), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_pointing_at_an_attacker_jku_is_401()
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var header = Jwt.Header("attacker-key");
        header["jku"] = "http://127.0.0.1:1/jwks.json";
        await AssertStatusAsync(Jwt.SignEs256(header, Jwt.AdminClaims(DateTimeOffset.UtcNow), attacker), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Alg_none_is_401()
    {
        var (key, kid) = Jwt.HubKey(_host.DataDirectory);
        key.Dispose();
        var unsigned = Jwt.Unsigned(Jwt.Header(kid, alg: "none"), Jwt.AdminClaims(DateTimeOffset.UtcNow));
        await AssertStatusAsync(unsigned + ".", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Hs256_signed_with_the_public_key_is_401()
    {
        // Algorithm confusion: an HMAC keyed with public material that anyone can fetch from the JWKS.
        using var http = _host.Anonymous();
        var jwks = await http.GetStringAsync("/.well-known/jwks.json");
        var jwk = JsonNode.Parse(jwks)!["keys"]![0]!;
        var kid = (string)jwk["kid"]!;
        var claims = Jwt.AdminClaims(DateTimeOffset.UtcNow);
        await AssertStatusAsync(Jwt.SignHs256(Jwt.Header(kid, alg: "HS256"), claims, Encoding.UTF8.GetBytes(jwk.ToJsonString())), HttpStatusCode.Unauthorized);
        await AssertStatusAsync(Jwt.SignHs256(Jwt.Header(kid, alg: "HS256"), claims, Jwt.Decode((string)jwk["x"]!).Concat(Jwt.Decode((string)jwk["y"]!)).ToArray()), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Es384_header_on_the_hub_key_is_401()
    {
        var (key, kid) = Jwt.HubKey(_host.DataDirectory);
        using (key)
        {
            await AssertStatusAsync(Jwt.SignEs256(Jwt.Header(kid, alg: "ES384"), Jwt.AdminClaims(DateTimeOffset.UtcNow), key), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Wrong_audience_is_401()
    {
        var (key, kid) = Jwt.HubKey(_host.DataDirectory);
        using (key)
        {
            await AssertStatusAsync(Jwt.SignEs256(Jwt.Header(kid), Jwt.AdminClaims(DateTimeOffset.UtcNow, audience: "some-other-api"), key), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Wrong_issuer_is_401()
    {
        var (key, kid) = Jwt.HubKey(_host.DataDirectory);
        using (key)
        {
            await AssertStatusAsync(Jwt.SignEs256(Jwt.Header(kid), Jwt.AdminClaims(DateTimeOffset.UtcNow, issuer: "https://evil.example"), key), HttpStatusCode.Unauthorized);
        }
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("id_token+jwt")]
    [InlineData(null)]
    public async Task Wrong_or_missing_typ_is_401(string? typ)
    {
        var (key, kid) = Jwt.HubKey(_host.DataDirectory);
        using (key)
        {
            await AssertStatusAsync(Jwt.SignEs256(Jwt.Header(kid, typ: typ), Jwt.AdminClaims(DateTimeOffset.UtcNow), key), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Tampered_claims_break_the_signature()
    {
        var token = await _host.TokenAsync("dwp-service");
        var parts = token.Split('.');
        var claims = Jwt.Part(token, 1);
        claims["roles"] = new JsonArray("admin");
        var forged = parts[0] + "." + Jwt.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString())) + "." + parts[2];
        await AssertStatusAsync(forged, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Claims_tampered_after_the_token_was_accepted_still_break_the_signature()
    {
        // The hub remembers tokens it has validated; a remembered one must not vouch for different claims.
        var token = await _host.TokenAsync("dwp-service");
        await AssertStatusAsync(token, HttpStatusCode.OK);
        var parts = token.Split('.');
        var claims = Jwt.Part(token, 1);
        claims["org"] = "hmrc";
        var forged = parts[0] + "." + Jwt.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString())) + "." + parts[2];
        await AssertStatusAsync(forged, HttpStatusCode.Unauthorized);
        await AssertStatusAsync(token, HttpStatusCode.OK);
    }

    private async Task AssertStatusAsync(string token, HttpStatusCode expected)
    {
        using var http = _host.WithBearer(token);
        using var response = await http.GetAsync(ProtectedPath);
        Assert.Equal(expected, response.StatusCode);
    }
}

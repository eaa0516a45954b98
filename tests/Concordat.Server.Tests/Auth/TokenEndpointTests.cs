using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Auth;

public sealed class TokenEndpointTests : IClassFixture<ConcordatHost>
{
    private readonly ConcordatHost _host;

    public TokenEndpointTests(ConcordatHost host) => _host = host;

    [Fact]
    public async Task Client_credentials_in_the_form_get_an_es256_access_token()
    {
        using var http = _host.Anonymous();
        using var response = await PostTokenAsync(http, new() { ["grant_type"] = "client_credentials", ["client_id"] = "dwp-steward", ["client_secret"] = _host.Secrets["dwp-steward"] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(900, body.RootElement.GetProperty("expires_in").GetInt64());
        Assert.Equal("steward", body.RootElement.GetProperty("scope").GetString());

        var token = body.RootElement.GetProperty("access_token").GetString()!;
        var header = Jwt.Part(token, 0);
        var claims = Jwt.Part(token, 1);
        Assert.Equal("ES256", (string)header["alg"]!);
        Assert.Equal("at+jwt", (string)header["typ"]!);
        Assert.Equal("urn:concordat:hub", (string)claims["iss"]!);
        Assert.Equal("concordat-api", (string)claims["aud"]!);
        Assert.Equal("dwp-steward", (string)claims["sub"]!);
        Assert.Equal("dwp", (string)claims["org"]!);
        Assert.Equal(["steward"], claims["roles"]!.AsArray().Select(r => (string)r!));
        Assert.False(string.IsNullOrEmpty((string)claims["jti"]!));
        var iat = (long)claims["iat"]!;
        Assert.Equal(iat, (long)claims["nbf"]!);
        Assert.Equal(iat + 900, (long)claims["exp"]!);
        Assert.InRange(iat, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());

        // The signature verifies with the public key published in the JWKS under the token's kid.
        using var jwks = JsonDocument.Parse(await http.GetStringAsync("/.well-known/jwks.json"));
        var jwk = jwks.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == (string)header["kid"]!);
        Assert.False(jwk.TryGetProperty("d", out _));
        using var publicKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Jwt.Decode(jwk.GetProperty("x").GetString()!), Y = Jwt.Decode(jwk.GetProperty("y").GetString()!) },
        });
        var parts = token.Split('.');
        Assert.True(publicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Jwt.Decode(parts[2]), HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task Http_basic_client_authentication_is_accepted()
    {
        using var http = _host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("hmrc-service:" + Uri.EscapeDataString(_host.Secrets["hmrc-service"]))));
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var claims = Jwt.Part(body.RootElement.GetProperty("access_token").GetString()!, 1);
        Assert.Equal("hmrc-service", (string)claims["sub"]!);
        Assert.Equal(["consumer"], claims["roles"]!.AsArray().Select(r => (string)r!));
    }

    [Fact]
    public async Task Issued_token_is_accepted_by_the_api()
    {
        using var good = _host.WithBearer(await _host.TokenAsync("dvla-service"));
        using var ok = await good.GetAsync("/api/v1/organisations");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Wrong_secret_is_invalid_client()
    {
        using var http = _host.Anonymous();
        using var response = await PostTokenAsync(http, new() { ["grant_type"] = "client_credentials", ["client_id"] = "dwp-steward", ["client_secret"] = _host.Secrets["hmrc-steward"] });
        await AssertTokenErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Unknown_client_is_invalid_client_with_the_same_answer_as_a_wrong_secret()
    {
        using var http = _host.Anonymous();
        using var unknown = await PostTokenAsync(http, new() { ["grant_type"] = "client_credentials", ["client_id"] = "no-such-client", ["client_secret"] = "whatever" });
        using var wrong = await PostTokenAsync(http, new() { ["grant_type"] = "client_credentials", ["client_id"] = "dwp-service", ["client_secret"] = "whatever" });

        var unknownBody = await AssertTokenErrorAsync(unknown, HttpStatusCode.Unauthorized, "invalid_client");
        var wrongBody = await AssertTokenErrorAsync(wrong, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal(wrongBody, unknownBody);
    }

    [Fact]
    public async Task Wrong_basic_secret_is_invalid_client_with_a_basic_challenge()
    {
        using var http = _host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("hmrc-service:not-the-secret")));
        using var response = await http.SendAsync(request);

        await AssertTokenErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Theory]
    [InlineData("password", "unsupported_grant_type")]
    [InlineData("authorization_code", "unsupported_grant_type")]
    [InlineData(null, "invalid_request")]
    public async Task Grant_types_other_than_client_credentials_are_refused(string? grantType, string error)
    {
        using var http = _host.Anonymous();
        var form = new Dictionary<string, string> { ["client_id"] = "dwp-steward", ["client_secret"] = _host.Secrets["dwp-steward"] };
        if (grantType is not null)
        {
            form["grant_type"] = grantType;
        }

        using var response = await PostTokenAsync(http, form);
        await AssertTokenErrorAsync(response, HttpStatusCode.BadRequest, error);
    }

    [Fact]
    public async Task Disabled_client_is_refused_even_with_the_right_secret()
    {
        using (var connection = _host.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE api_clients SET disabled_at = '2026-01-01T00:00:00.0000000Z' WHERE client_id = 'leeds-council-service'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        using var http = _host.Anonymous();
        using var response = await PostTokenAsync(http, new() { ["grant_type"] = "client_credentials", ["client_id"] = "leeds-council-service", ["client_secret"] = _host.Secrets["leeds-council-service"] });
        await AssertTokenErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Json_body_is_refused_as_invalid_request()
    {
        using var http = _host.Anonymous();
        using var content = new StringContent($$"""{"grant_type":"client_credentials","client_id":"dwp-steward","client_secret":"{{_host.Secrets["dwp-steward"]}}"}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/oauth2/token", content);
        await AssertTokenErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Credentials_in_both_header_and_body_are_refused()
    {
        using var http = _host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "hmrc-service", ["client_secret"] = _host.Secrets["hmrc-service"] }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("hmrc-service:" + _host.Secrets["hmrc-service"])));
        using var response = await http.SendAsync(request);
        await AssertTokenErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Scope_narrows_roles_and_cannot_widen_them()
    {
        using var http = _host.Anonymous();
        using var widened = await PostTokenAsync(http, new() { ["grant_type"] = "client_credentials", ["client_id"] = "dwp-service", ["client_secret"] = _host.Secrets["dwp-service"], ["scope"] = "consumer admin" });
        await AssertTokenErrorAsync(widened, HttpStatusCode.BadRequest, "invalid_scope");

        using var narrowed = await PostTokenAsync(http, new() { ["grant_type"] = "client_credentials", ["client_id"] = "dwp-service", ["client_secret"] = _host.Secrets["dwp-service"], ["scope"] = "consumer" });
        Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
    }

    [Fact]
    public async Task Repeated_parameters_are_refused()
    {
        using var http = _host.Anonymous();
        var pairs = new[]
        {
            KeyValuePair.Create("grant_type", "client_credentials"),
            KeyValuePair.Create("client_id", "dwp-steward"),
            KeyValuePair.Create("client_id", "hub-admin"),
            KeyValuePair.Create("client_secret", _host.Secrets["dwp-steward"]),
        };
        using var response = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(pairs));
        await AssertTokenErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    private static Task<HttpResponseMessage> PostTokenAsync(HttpClient http, Dictionary<string, string> form) =>
        http.PostAsync("/oauth2/token", new FormUrlEncodedContent(form));

    private static async Task<string> AssertTokenErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status} but got {response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        using var body = JsonDocument.Parse(text);
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        Assert.False(body.RootElement.TryGetProperty("access_token", out _));
        return text;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Concordat.Server.Federation;

namespace Concordat.Server.Tests.Federation;

/// <summary>Nodes on loopback calling each other over mutual TLS with certificate-bound tokens.</summary>
public sealed class FederationTransportTests : IAsyncLifetime
{
    private readonly FederationNetwork _network = new();
    private FederationNode _hmrc = null!;
    private FederationNode _dwp = null!;

    public async Task InitializeAsync()
    {
        _network.Prepare("hmrc");
        _network.Prepare("dwp");
        _network.Prepare("dvla");
        _network.Publish(_network.Configuration(["hmrc", "dwp", "dvla"]));
        _hmrc = await _network.StartAsync("hmrc");
        // Seeded, so dwp's public API has a client (hub-admin) whose tokens stand.
        _dwp = await _network.StartAsync("dwp", seedDemo: true);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task Members_call_each_other_and_each_sees_who_is_calling()
    {
        var seen = await _hmrc.Client.WhoAmIAsync("dwp", CancellationToken.None);
        Assert.True(seen.IsSuccess, seen.IsSuccess ? null : seen.Errors[0].Message);
        Assert.Equal("hmrc", seen.Value.OrganisationId);
        Assert.Equal("dwp", seen.Value.Node);
        Assert.Equal(_network.Thumbprint("hmrc"), seen.Value.CertificateThumbprint);
        Assert.Equal(1, seen.Value.ConfigurationVersion);

        var back = await _dwp.Client.WhoAmIAsync("hmrc", CancellationToken.None);
        Assert.True(back.IsSuccess, back.IsSuccess ? null : back.Errors[0].Message);
        Assert.Equal("dwp", back.Value.OrganisationId);
    }

    [Fact]
    public async Task A_stolen_token_used_on_a_connection_without_its_certificate_is_refused_and_counted()
    {
        using var hmrcCertificate = _network.CertificateOf("hmrc");
        using var dvlaCertificate = _network.CertificateOf("dvla");
        using var asHmrc = FederationNetwork.RawClient(_dwp.FederationAddress, hmrcCertificate);
        var token = await TokenAsync(asHmrc, "hmrc");

        using var own = new HttpRequestMessage(HttpMethod.Get, "federation/v1/whoami");
        own.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var permitted = await asHmrc.SendAsync(own);
        Assert.Equal(HttpStatusCode.OK, permitted.StatusCode);

        // Another member's node (a listed certificate, so the handshake succeeds) presents the token it stole.
        using var asDvla = FederationNetwork.RawClient(_dwp.FederationAddress, dvlaCertificate);
        using var stolen = new HttpRequestMessage(HttpMethod.Get, "federation/v1/whoami");
        stolen.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var refused = await asDvla.SendAsync(stolen);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("federation.token_not_bound", await CodeAsync(refused));
        var challenge = Assert.Single(refused.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal(1, _dwp.Refusals.Counts()[("federation.token_not_bound", "organisation:dvla")]);
        Assert.Contains(_dwp.Logs.Lines, l => l.Contains("federation.token_not_bound", StringComparison.Ordinal));
        Assert.DoesNotContain(_dwp.Logs.Lines.Concat(_hmrc.Logs.Lines), l => l.Contains(token, StringComparison.Ordinal));

        // On the public API, with no certificate at all, the token is no access token of that API.
        using var publicApi = _dwp.WithBearer(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await publicApi.GetAsync("/api/v1/organisations")).StatusCode);
    }

    [Fact]
    public async Task A_public_api_token_is_not_a_federation_token()
    {
        using var hmrcCertificate = _network.CertificateOf("hmrc");
        using var asHmrc = FederationNetwork.RawClient(_dwp.FederationAddress, hmrcCertificate);
        // A valid token of dwp's public API, signed with dwp's own key: the federation listener still refuses it.
        var (key, kid) = Infrastructure.Jwt.HubKey(_dwp.DataDirectory);
        string publicToken;
        using (key)
        {
            publicToken = Infrastructure.Jwt.SignEs256(Infrastructure.Jwt.Header(kid), Infrastructure.Jwt.AdminClaims(_network.Time.GetUtcNow()), key);
        }

        using (var publicApi = _dwp.WithBearer(publicToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await publicApi.GetAsync("/api/v1/organisations")).StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "federation/v1/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", publicToken);
        using var response = await asHmrc.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("federation.token_invalid", await CodeAsync(response));

        using var bare = await asHmrc.GetAsync("federation/v1/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
        Assert.Equal("federation.token_missing", await CodeAsync(bare));
        Assert.Equal("Bearer", bare.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task The_token_endpoint_authenticates_by_certificate_alone_and_the_client_id_must_match_it()
    {
        using var hmrcCertificate = _network.CertificateOf("hmrc");
        using var asHmrc = FederationNetwork.RawClient(_dwp.FederationAddress, hmrcCertificate);
        using var impersonating = await asHmrc.PostAsync("federation/v1/oauth2/token", Form(("grant_type", "client_credentials"), ("client_id", "dvla")));
        Assert.Equal(HttpStatusCode.BadRequest, impersonating.StatusCode);
        Assert.Equal("invalid_client", await ErrorAsync(impersonating));

        using var withSecret = await asHmrc.PostAsync("federation/v1/oauth2/token", Form(("grant_type", "client_credentials"), ("client_id", "hmrc"), ("client_secret", "x")));
        Assert.Equal(HttpStatusCode.BadRequest, withSecret.StatusCode);
        Assert.Equal("invalid_request", await ErrorAsync(withSecret));

        using var noClientId = await asHmrc.PostAsync("federation/v1/oauth2/token", Form(("grant_type", "client_credentials")));
        Assert.Equal(HttpStatusCode.BadRequest, noClientId.StatusCode);
        Assert.Equal("invalid_client", await ErrorAsync(noClientId));

        using var otherGrant = await asHmrc.PostAsync("federation/v1/oauth2/token", Form(("grant_type", "password"), ("client_id", "hmrc")));
        Assert.Equal("unsupported_grant_type", await ErrorAsync(otherGrant));

        using var token = await asHmrc.PostAsync("federation/v1/oauth2/token", Form(("grant_type", "client_credentials"), ("client_id", "hmrc")));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("no-store", token.Headers.CacheControl?.ToString());
        using var body = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        var payload = Infrastructure.Jwt.Part(body.RootElement.GetProperty("access_token").GetString()!, 1);
        Assert.Equal(_network.Thumbprint("hmrc"), (string?)payload["cnf"]!["x5t#S256"]);
        Assert.Equal("hmrc", (string?)payload["client_id"]);
        Assert.Equal(_dwp.FederationAddress.AbsoluteUri, (string?)payload["aud"]);
    }

    [Fact]
    public async Task The_authorization_server_metadata_says_tokens_are_certificate_bound()
    {
        using var hmrcCertificate = _network.CertificateOf("hmrc");
        using var asHmrc = FederationNetwork.RawClient(_dwp.FederationAddress, hmrcCertificate);
        using var metadata = JsonDocument.Parse(await asHmrc.GetStringAsync(".well-known/oauth-authorization-server"));
        var root = metadata.RootElement;
        Assert.Equal(_dwp.FederationAddress.AbsoluteUri, root.GetProperty("issuer").GetString());
        Assert.Equal(new Uri(_dwp.FederationAddress, "federation/v1/oauth2/token").AbsoluteUri, root.GetProperty("token_endpoint").GetString());
        Assert.True(root.GetProperty("tls_client_certificate_bound_access_tokens").GetBoolean());
        Assert.Equal("tls_client_auth", root.GetProperty("token_endpoint_auth_methods_supported")[0].GetString());
    }

    [Fact]
    public async Task The_listeners_stay_apart()
    {
        using var publicApi = _dwp.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await publicApi.GetAsync("/federation/v1/whoami")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await publicApi.GetAsync("/.well-known/oauth-authorization-server")).StatusCode);

        using var hmrcCertificate = _network.CertificateOf("hmrc");
        using var asHmrc = FederationNetwork.RawClient(_dwp.FederationAddress, hmrcCertificate);
        foreach (var path in new[] { "health/ready", "api/v1/organisations", "oauth2/token", ".well-known/jwks.json", "" })
        {
            using var response = await asHmrc.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_connection_without_a_client_certificate_is_refused_at_the_handshake()
    {
        using var anonymous = FederationNetwork.RawClient(_dwp.FederationAddress, null);
        await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.GetAsync("federation/v1/whoami"));
        Assert.Contains(_dwp.Refusals.Counts().Keys, k => k.Code == "federation.no_certificate");
    }

    [Fact]
    public async Task A_call_to_an_organisation_that_is_no_member_is_refused_without_traffic()
    {
        var result = await _hmrc.Client.WhoAmIAsync("hmpo", CancellationToken.None);
        Assert.Equal("federation.unknown_member", result.Errors[0].Code);
    }

    [Fact]
    public async Task Health_reports_a_current_configuration()
    {
        using var response = await _hmrc.Anonymous().GetAsync("/health/federation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("federation.current", body.RootElement.GetProperty("code").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("version").GetInt64());
    }

    internal static async Task<string> TokenAsync(HttpClient client, string organisationId)
    {
        using var response = await client.PostAsync("federation/v1/oauth2/token", Form(("grant_type", "client_credentials"), ("client_id", organisationId)));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    internal static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetString();
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}

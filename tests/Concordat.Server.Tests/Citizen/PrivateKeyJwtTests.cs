using System.Net;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Citizen;

/// <summary>A hub configured like a GOV.UK One Login client: private_key_jwt at the token endpoint and a vtr parameter.</summary>
public sealed class PrivateKeyJwtTests : IClassFixture<PrivateKeyJwtTests.Host>, IClassFixture<Browser>
{
    private readonly Host _host;
    private readonly Browser _browser;

    public PrivateKeyJwtTests(Host host, Browser browser)
    {
        _host = host;
        _browser = browser;
    }

    [Fact]
    public async Task Sign_in_succeeds_only_because_the_relying_party_sends_a_valid_client_assertion()
    {
        using var http = _host.Anonymous();
        using var challenge = await http.GetAsync("/my-data");
        Assert.Contains("vtr=", challenge.Headers.Location!.Query, StringComparison.Ordinal);

        var errors = new List<string>();
        var page = await _browser.NewPageAsync(_host.BaseAddress, errors);
        await page.GotoAsync("/my-data");
        await page.CheckAsync("input[value='demo-citizen-3']");
        await page.ClickAsync("#sign-in");
        Assert.EndsWith("/my-data", page.Url, StringComparison.Ordinal);
        Assert.Equal("Priya Young", await page.InnerTextAsync("#signed-in-as"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Token_request_without_or_with_a_forged_assertion_is_refused()
    {
        using var http = _host.Anonymous();
        foreach (var assertion in new[] { null, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJjb25jb3JkYXQtY2l0aXplbiJ9." })
        {
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = "unused",
                ["client_id"] = "concordat-citizen",
                ["redirect_uri"] = _host.BaseAddress + "citizen/signin-oidc",
                ["code_verifier"] = new string('a', 43),
            };
            if (assertion is not null)
            {
                form["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
                form["client_assertion"] = assertion;
            }

            using var response = await http.PostAsync("/demo-idp/token", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("invalid_client", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        }

        var jwks = JsonNode.Parse(await http.GetStringAsync("/citizen/jwks.json"))!;
        Assert.Equal("ES256", jwks["keys"]![0]!["alg"]!.GetValue<string>());
        Assert.Null(jwks["keys"]![0]!["d"]);
    }

    /// <summary>The demo provider insisting on private_key_jwt, with demo citizens' records.</summary>
    public sealed class Host : ConcordatHost
    {
        public Host()
            : base(new Dictionary<string, string?>
            {
                ["Concordat:Citizen:SeedDemoRecords"] = "true",
                ["Concordat:Citizen:ClientAuthentication"] = "private_key_jwt",
                ["Concordat:Citizen:AuthorizationParameters:vtr"] = "[\"Cl.Cm\"]",
            })
        {
        }
    }
}

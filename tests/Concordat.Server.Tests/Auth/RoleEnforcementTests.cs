using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Auth;

public sealed class RoleEnforcementTests : IClassFixture<ConcordatHost>
{
    private readonly ConcordatHost _host;

    public RoleEnforcementTests(ConcordatHost host) => _host = host;

    [Fact]
    public async Task Consumer_cannot_create_a_dataset()
    {
        using var http = await _host.AsAsync("hmrc-service");
        using var response = await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("hmrc-consumer-attempt", "hmrc")));
        await Problem.ReadAsync(response, 403);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/datasets/hmrc-consumer-attempt")).StatusCode);
    }

    [Fact]
    public async Task Steward_cannot_create_a_dataset_for_another_organisation()
    {
        using var http = await _host.AsAsync("dwp-steward");
        using var response = await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("hmrc-by-dwp", "hmrc")));
        var problem = await Problem.ReadAsync(response, 403);
        Assert.Equal("dataset.forbidden_organisation", Problem.Code(problem));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/datasets/hmrc-by-dwp")).StatusCode);
    }

    [Fact]
    public async Task Steward_can_create_a_dataset_for_their_own_organisation()
    {
        using var http = await _host.AsAsync("dwp-steward");
        using var response = await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("dwp-own", "dwp")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/datasets/dwp-own", response.Headers.Location?.OriginalString);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("dwp", (string)body!["organisationId"]!);
        Assert.Equal(1, (int)body["schemaVersion"]!);
    }

    [Fact]
    public async Task Admin_can_create_a_dataset_for_any_organisation()
    {
        using var http = await _host.AsAsync("hub-admin");
        using var response = await http.PostAsync("/api/v1/datasets", Bodies.Json(Bodies.Dataset("leeds-by-admin", "leeds-council")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Steward_cannot_change_another_organisations_schema()
    {
        using var http = await _host.AsAsync("dwp-steward");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/datasets/hmrc-taxpayers/schema") { Content = Bodies.Json(Bodies.PersonSchema()) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var response = await http.SendAsync(request);
        await Problem.ReadAsync(response, 403);

        using var admin = await _host.AsAsync("hub-admin");
        var dataset = await admin.GetFromJsonAsync<JsonObject>("/api/v1/datasets/hmrc-taxpayers");
        Assert.Equal(1, (int)dataset!["schemaVersion"]!);
    }

    [Fact]
    public async Task Steward_of_another_organisation_cannot_see_sources_runs_or_records()
    {
        using var http = await _host.AsAsync("dwp-steward");
        foreach (var path in new[] { "/api/v1/datasets/hmrc-taxpayers/records", "/api/v1/datasets/hmrc-taxpayers/runs", "/api/v1/datasets/hmrc-taxpayers/sources" })
        {
            using var response = await http.GetAsync(path);
            var problem = await Problem.ReadAsync(response, 404);
            Assert.DoesNotContain("AB123456C", problem.GetRawText(), StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/api/v1/datasets/hmrc-taxpayers/records/lookup", "/api/v1/datasets/hmrc-taxpayers/records/history" })
        {
            using var response = await http.PostAsync(path, Bodies.Json("""{"key":"AB123456C"}"""));
            var problem = await Problem.ReadAsync(response, 404);
            Assert.DoesNotContain("AB123456C", problem.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Consumer_cannot_read_records_even_of_their_own_organisation()
    {
        using var http = await _host.AsAsync("hmrc-service");
        using var response = await http.GetAsync("/api/v1/datasets/hmrc-taxpayers/records");
        await Problem.ReadAsync(response, 403);
    }

    [Fact]
    public async Task Only_an_admin_registers_organisations()
    {
        var body = new JsonObject { ["id"] = "ons", ["name"] = "Office for National Statistics", ["homepage"] = "https://www.ons.gov.uk" };
        using (var steward = await _host.AsAsync("hmrc-steward"))
        {
            await Problem.ReadAsync(await steward.PostAsync("/api/v1/organisations", Bodies.Json(body)), 403);
        }

        using var admin = await _host.AsAsync("hub-admin");
        using var created = await admin.PostAsync("/api/v1/organisations", Bodies.Json(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organisation = await admin.GetFromJsonAsync<JsonObject>("/api/v1/organisations/ons");
        Assert.Equal("Office for National Statistics", (string)organisation!["name"]!);

        await Problem.ReadAsync(await admin.PostAsync("/api/v1/organisations", Bodies.Json(body)), 409);
    }

    [Fact]
    public async Task Admin_registers_a_client_whose_secret_is_shown_once_and_works()
    {
        using var admin = await _host.AsAsync("hub-admin");
        var request = new JsonObject { ["clientId"] = "dvla-enquiries", ["name"] = "DVLA enquiries service", ["roles"] = new JsonArray("consumer") };
        using var created = await admin.PostAsync("/api/v1/organisations/dvla/clients", Bodies.Json(request));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var secret = body.RootElement.GetProperty("clientSecret").GetString()!;
        Assert.Equal(43, secret.Length);
        Assert.Equal(["consumer"], body.RootElement.GetProperty("client").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // Listing never shows a secret or its hash.
        var list = await admin.GetStringAsync("/api/v1/organisations/dvla/clients");
        Assert.Contains("dvla-enquiries", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", list, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", list, StringComparison.OrdinalIgnoreCase);

        using var anonymous = _host.Anonymous();
        using var token = await anonymous.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "dvla-enquiries",
            ["client_secret"] = secret,
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Steward_may_list_their_own_clients_but_not_another_organisations()
    {
        using var http = await _host.AsAsync("hmrc-steward");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/organisations/hmrc/clients")).StatusCode);
        await Problem.ReadAsync(await http.GetAsync("/api/v1/organisations/dwp/clients"), 404);
        await Problem.ReadAsync(await http.PostAsync("/api/v1/organisations/hmrc/clients", Bodies.Json(new JsonObject { ["clientId"] = "hmrc-rogue", ["name"] = "x", ["roles"] = new JsonArray("admin") })), 403);
    }
}

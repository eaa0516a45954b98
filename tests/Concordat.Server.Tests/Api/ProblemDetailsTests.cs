using System.Net;
using System.Text.Json.Nodes;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api;

/// <summary>Every error is RFC 9457 problem+json with a trace id, and never carries exception text.</summary>
public sealed class ProblemDetailsTests : IClassFixture<ConcordatHost>
{
    private readonly ConcordatHost _host;

    public ProblemDetailsTests(ConcordatHost host) => _host = host;

    [Fact]
    public async Task Validation_failure_is_400_listing_every_error()
    {
        using var http = await _host.AsAsync("hub-admin");
        var body = Bodies.Dataset("Bad Id", "hmrc");
        body["title"] = "";
        body["schema"] = new JsonObject
        {
            ["fields"] = new JsonArray(
                new JsonObject { ["name"] = "nino", ["type"] = "text" },
                new JsonObject { ["name"] = "dob", ["type"] = "date", ["personalData"] = "secret" }),
            ["primaryKey"] = new JsonArray("missing"),
        };
        using var response = await http.PostAsync("/api/v1/datasets", Bodies.Json(body));

        var problem = await Problem.ReadAsync(response, 400);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        var codes = errors.Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.Contains("request.invalid_id", codes);
        Assert.Contains("request.required", codes);
        Assert.Contains("schema.unknown_type", codes);
        Assert.Contains("schema.bad_field_property", codes);
        Assert.Contains("schema.unknown_key_field", codes);
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString())));
        Assert.Contains(errors, e => e.GetProperty("target").GetString() == "id");
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("[null]")]
    [InlineData("[[\"nino\"]]")]
    [InlineData("{}")]
    public async Task Primary_key_of_the_wrong_shape_is_400_not_500(string primaryKey)
    {
        using var http = await _host.AsAsync("hub-admin");
        var body = Bodies.Dataset("hmrc-bad-key", "hmrc");
        body["schema"]!["primaryKey"] = JsonNode.Parse(primaryKey);
        var problem = await Problem.ReadAsync(await http.PostAsync("/api/v1/datasets", Bodies.Json(body)), 400);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "schema.bad_primary_key");
    }

    [Fact]
    public async Task Malformed_json_is_400_problem()
    {
        using var http = await _host.AsAsync("hub-admin");
        using var response = await http.PostAsync("/api/v1/organisations", Bodies.Json("{\"id\": \"ons\", \"name\": "));
        var problem = await Problem.ReadAsync(response, 400);
        Assert.Equal("request.invalid_json", Problem.Code(problem));
        AssertNoInternals(problem.GetRawText());
    }

    [Fact]
    public async Task Unknown_properties_such_as_owner_or_role_are_refused_and_not_honoured()
    {
        using var http = await _host.AsAsync("hmrc-steward");
        var body = Bodies.Dataset("hmrc-sneaky", "hmrc");
        body["ownerId"] = "dwp";
        body["role"] = "admin";
        using var response = await http.PostAsync("/api/v1/datasets", Bodies.Json(body));
        var problem = await Problem.ReadAsync(response, 400);
        Assert.Equal("request.unknown_property", Problem.Code(problem));
        AssertNoInternals(problem.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/datasets/hmrc-sneaky")).StatusCode);

        using var admin = await _host.AsAsync("hub-admin");
        var client = new JsonObject { ["clientId"] = "hmrc-extra", ["name"] = "x", ["roles"] = new JsonArray("consumer"), ["organisationId"] = "concordat-hub" };
        await Problem.ReadAsync(await admin.PostAsync("/api/v1/organisations/hmrc/clients", Bodies.Json(client)), 400);
        Assert.DoesNotContain("hmrc-extra", await admin.GetStringAsync("/api/v1/organisations/concordat-hub/clients"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_route_is_404_problem()
    {
        using var http = await _host.AsAsync("hub-admin");
        using var response = await http.GetAsync("/api/v1/no-such-thing");
        await Problem.ReadAsync(response, 404);
    }

    [Fact]
    public async Task Unknown_dataset_is_404_problem_with_a_code()
    {
        using var http = await _host.AsAsync("hub-admin");
        var problem = await Problem.ReadAsync(await http.GetAsync("/api/v1/datasets/no-such-dataset"), 404);
        Assert.Equal("dataset.not_found", Problem.Code(problem));
    }

    [Fact]
    public async Task Wrong_method_is_405_problem_with_allow()
    {
        using var http = await _host.AsAsync("hub-admin");
        using var response = await http.DeleteAsync("/api/v1/organisations");
        await Problem.ReadAsync(response, 405);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Wrong_parameter_type_is_400_problem()
    {
        using var http = await _host.AsAsync("hub-admin");
        var problem = await Problem.ReadAsync(await http.GetAsync("/api/v1/datasets/hmrc-taxpayers/records?limit=lots"), 400);
        AssertNoInternals(problem.GetRawText());
    }

    [Fact]
    public async Task Unhandled_exception_is_a_generic_500_without_exception_text()
    {
        // Corrupt a stored schema out of band: reading it throws inside the storage layer.
        using (var connection = _host.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO datasets (id, organisation_id, title, keywords, schema_json, schema_version, created_at, updated_at)
                VALUES ('corrupt-dataset', 'hmrc', 'Corrupt', '[]', '{"fields": "CorruptMarker"}', 1, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z')
                """;
            command.ExecuteNonQuery();
        }

        using var http = await _host.AsAsync("hub-admin");
        using var response = await http.GetAsync("/api/v1/datasets/corrupt-dataset");
        var problem = await Problem.ReadAsync(response, 500);
        var text = problem.GetRawText();
        Assert.Equal("server.error", Problem.Code(problem));
        Assert.DoesNotContain("is corrupt", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Stored schema", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CorruptMarker", text, StringComparison.Ordinal);
        AssertNoInternals(text);
        Assert.StartsWith("00-", problem.GetProperty("traceId").GetString(), StringComparison.Ordinal);
    }

    private static void AssertNoInternals(string text)
    {
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Concordat.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}

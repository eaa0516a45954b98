using System.Net;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Api;

/// <summary>Every JSON body the API reads is strict JSON: duplicate names, comments and trailing commas are refused.</summary>
public sealed class StrictJsonTests : IClassFixture<ConcordatHost>
{
    private readonly ConcordatHost _host;

    public StrictJsonTests(ConcordatHost host) => _host = host;

    [Theory]
    [InlineData("""{"id":"ons-dup","name":"ONS","id":"ons-other"}""", "request.duplicate_property")]
    [InlineData("""{"id":"ons-dup","name":"ONS","Name":"Other"}""", "request.duplicate_property")]
    [InlineData("""{"id":"ons-dup", /* a comment */ "name":"ONS"}""", "request.invalid_json")]
    [InlineData("""{"id":"ons-dup","name":"ONS" // a comment""" + "\n}", "request.invalid_json")]
    [InlineData("""{"id":"ons-dup","name":"ONS",}""", "request.invalid_json")]
    public async Task Bound_bodies_refuse_duplicates_comments_and_trailing_commas(string body, string code)
    {
        using var admin = await _host.AsAsync("hub-admin");
        var problem = await Problem.ReadAsync(await admin.PostAsync("/api/v1/organisations", Bodies.Json(body)), 400);
        Assert.Equal(code, Problem.Code(problem));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/organisations/ons-dup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/organisations/ons-other")).StatusCode);
    }

    [Fact]
    public async Task Documents_and_raw_bodies_follow_the_same_rules()
    {
        using var steward = await _host.AsAsync("hmrc-steward");
        // A schema (bound as a JSON object), a mapping (a JSON element) and a rule file (read as text).
        var schema = await Problem.ReadAsync(await steward.PutAsync("/api/v1/datasets/hmrc-taxpayers/schema", Bodies.Json("""{"fields":[{"name":"nino","type":"string"}],"fields":[]}""")), 400);
        Assert.Equal("request.duplicate_property", Problem.Code(schema));
        var mapping = await Problem.ReadAsync(await steward.PutAsync("/api/v1/datasets/hmrc-taxpayers/sources/strict", Bodies.Json("""{"fields":[{"field":"nino","from":"NINO","from":"NI"}]}""")), 400);
        Assert.Equal("request.duplicate_property", Problem.Code(mapping));
        var rules = await Problem.ReadAsync(await steward.PutAsync("/api/v1/datasets/hmrc-taxpayers/rules", Bodies.Json("{\"rules\":[\n// keep\n{\"type\":\"not_null\",\"field\":\"nino\"}]}")), 400);
        Assert.Equal("request.invalid_json", Problem.Code(rules));
        Assert.Equal("line 2", problemTarget(rules));

        using var consumer = await _host.AsAsync("leeds-council-service");
        var lookup = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(
            """{"agreementId":"a","purpose":"benefit-eligibility","purpose":"fraud","datasetId":"dwp-claimants","identifier":{"kind":"nino","value":"AB123456C"}}""")), 400);
        Assert.Equal("request.duplicate_property", Problem.Code(lookup));

        static string? problemTarget(System.Text.Json.JsonElement problem) => problem.GetProperty("errors")[0].GetProperty("target").GetString();
    }
}

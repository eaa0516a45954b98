using System.Net;
using System.Text.RegularExpressions;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Core.Quality;
using Concordat.Server.Auth;
using Concordat.Server.Citizen;
using Concordat.Server.Staff;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Auth;

/// <summary>Checklist rows 14 and 16: sweeps over every mapped endpoint, so a new endpoint cannot forget its checks.</summary>
public sealed partial class EndpointSweepTests : IClassFixture<ConcordatHost>
{
    // The only endpoints anyone may call without a token.
    private static readonly string[] PublicPrefixes = ["/health/", "/openapi/", "/scalar", "/oauth2/token", "/.well-known/jwks.json", "/.well-known/audit-key.json", "/api/v1/catalogue", "/api/v1/register/", "/assets/", "/demo-idp/", "/citizen/", "/staff/signed-out", "/staff/jwks.json"];

    // Portal pages anyone may read, matched exactly.
    private static readonly string[] PublicPages = ["/", "/catalogue", "/accessibility", "/register", "/register/{id}"];

    // Citizen pages: a citizen session (cookie from OpenID Connect sign-in), never an API token.
    private static readonly string[] CitizenPages = ["/my-data", "/my-data/export.json", "/citizen/sign-out"];

    private readonly ConcordatHost _host;
    private readonly long _hmrcRun;
    private readonly long _hmrcProfile;

    public EndpointSweepTests(ConcordatHost host)
    {
        _host = host;
        _host.EnsureStarted();
        var catalogue = host.Services.GetRequiredService<ICatalogueStore>();
        var source = new SourceDefinition("hmrc-taxpayers", "test-source", new IngestMapping { Fields = [new FieldMapping("nino")] }, DateTimeOffset.UtcNow);
        Assert.True(catalogue.PutSourceAsync(source, CancellationToken.None).GetAwaiter().GetResult().IsSuccess);
        _hmrcRun = IngestSeed.Run(host, "hmrc-taxpayers", [("AB123456C", """{"nino":"AB123456C","familyName":"Smith"}""")], [(2, new() { ["nino"] = "bad" }, ["nino: invalid"])]);
        var quality = host.Services.GetRequiredService<QualityService>();
        _hmrcProfile = quality.ProfileAsync("hmrc-taxpayers", ProfileTrigger.OnDemand, null, CancellationToken.None).GetAwaiter().GetResult().Value.Id;
    }

    [Fact]
    public void Only_the_known_public_endpoints_allow_anonymous_callers()
    {
        var anonymous = Endpoints().Where(e => e.Anonymous).ToList();
        Assert.NotEmpty(anonymous);
        foreach (var endpoint in anonymous)
        {
            Assert.True(
                PublicPages.Contains(endpoint.Route) || PublicPrefixes.Any(p => endpoint.Route.StartsWith(p, StringComparison.Ordinal)),
                $"{endpoint.Method} {endpoint.Route} allows anonymous callers");
        }

        Assert.Contains(anonymous, e => e.Route == "/api/v1/catalogue");
        Assert.Contains(anonymous, e => e.Route == "/oauth2/token");
    }

    [Fact]
    public async Task Every_non_public_endpoint_answers_401_without_a_token()
    {
        var guarded = Endpoints().Where(e => !e.Anonymous && !e.Policies.Contains(CitizenSchemes.Policy) && !e.Policies.Contains(StaffSchemes.Policy)).ToList();
        Assert.True(guarded.Count >= 15, $"Only {guarded.Count} guarded endpoints found");
        using var http = _host.Anonymous();
        foreach (var endpoint in guarded)
        {
            using var response = await SendAsync(http, endpoint, "hmrc-taxpayers");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint.Method} {endpoint.Route} answered {(int)response.StatusCode} without a token");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Citizen_pages_are_exactly_the_known_ones_and_send_anonymous_callers_and_api_tokens_to_sign_in()
    {
        var citizen = Endpoints().Where(e => e.Policies.Contains(CitizenSchemes.Policy)).ToList();
        Assert.Equal(CitizenPages.Order(StringComparer.Ordinal), citizen.Select(e => e.Route).Order(StringComparer.Ordinal));
        using var anonymous = _host.Anonymous();
        using var consumer = await _host.AsAsync("hmrc-service");
        foreach (var endpoint in citizen)
        {
            foreach (var http in new[] { anonymous, consumer })
            {
                using var response = await SendAsync(http, endpoint, "hmrc-taxpayers");
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith(_host.BaseAddress + "demo-idp/authorize?", response.Headers.Location!.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Staff_pages_are_exactly_those_under_staff_and_send_anonymous_callers_api_tokens_and_citizens_to_staff_sign_in()
    {
        var staff = Endpoints().Where(e => e.Policies.Contains(StaffSchemes.Policy)).ToList();
        Assert.True(staff.Count >= 20, $"Only {staff.Count} staff endpoints found");
        Assert.All(staff, e => Assert.StartsWith("/staff", e.Route, StringComparison.Ordinal));
        Assert.DoesNotContain(Endpoints(), e => e.Route.StartsWith("/staff", StringComparison.Ordinal) && !e.Anonymous && !e.Policies.Contains(StaffSchemes.Policy));
        using var anonymous = _host.Anonymous();
        using var steward = await _host.AsAsync("hmrc-steward");
        foreach (var endpoint in staff)
        {
            foreach (var http in new[] { anonymous, steward })
            {
                using var response = await SendAsync(http, endpoint, "hmrc-taxpayers");
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{endpoint.Method} {endpoint.Route} answered {(int)response.StatusCode}");
                Assert.StartsWith(_host.BaseAddress + "demo-idp/authorize?", response.Headers.Location!.ToString(), StringComparison.Ordinal);
                Assert.Contains("client_id=concordat-staff", response.Headers.Location!.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Every_admin_or_steward_endpoint_answers_403_to_a_consumer()
    {
        var privileged = Endpoints().Where(e => e.Policies.Contains(AuthPolicies.Admin) || e.Policies.Contains(AuthPolicies.Steward) || e.Policies.Contains(AuthPolicies.AgreementOfficer)).ToList();
        Assert.True(privileged.Count >= 10, $"Only {privileged.Count} privileged endpoints found");
        using var http = await _host.AsAsync("hmrc-service");
        foreach (var endpoint in privileged)
        {
            using var response = await SendAsync(http, endpoint, "hmrc-taxpayers");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{endpoint.Method} {endpoint.Route} answered {(int)response.StatusCode} to a consumer");
        }
    }

    [Fact]
    public async Task No_steward_endpoint_gives_another_organisations_steward_a_2xx()
    {
        var stewardRoutes = Endpoints().Where(e => e.Policies.Contains(AuthPolicies.Steward) && e.Route.Contains('{', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(stewardRoutes);
        using var other = await _host.AsAsync("dwp-steward");
        using var owner = await _host.AsAsync("hmrc-steward");
        foreach (var endpoint in stewardRoutes)
        {
            using var response = await SendAsync(other, endpoint, "hmrc-taxpayers");
            Assert.False(response.IsSuccessStatusCode, $"{endpoint.Method} {endpoint.Route} answered {(int)response.StatusCode} to another organisation's steward");
            if (endpoint.Method == "GET")
            {
                // Control: the owning steward does get a 2xx from the same request.
                using var allowed = await SendAsync(owner, endpoint, "hmrc-taxpayers");
                Assert.True(allowed.IsSuccessStatusCode, $"{endpoint.Method} {endpoint.Route} answered {(int)allowed.StatusCode} to the owner");
            }
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient http, SweptEndpoint endpoint, string datasetId)
    {
        var organisation = endpoint.Route.StartsWith("/api/v1/organisations", StringComparison.Ordinal) ? "hmrc" : datasetId;
        var path = Parameter().Replace(endpoint.Route, match => match.Value == "{id:long}" ? "1" : match.Groups[1].Value switch
        {
            "id" => organisation,
            "runId" => _hmrcRun.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "profileId" => _hmrcProfile.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "key" => "AB123456C",
            "name" => "test-source",
            "documentName" => "v1",
            "index" => "0",
            _ => "x",
        });
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        if (endpoint.Method is "POST" or "PUT")
        {
            request.Content = Bodies.Json("{}");
        }

        if (endpoint.Route.EndsWith("/schema", StringComparison.Ordinal) && endpoint.Method == "PUT")
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        }

        return http.SendAsync(request);
    }

    private List<SweptEndpoint> Endpoints()
    {
        var source = _host.Services.GetRequiredService<EndpointDataSource>();
        var list = new List<SweptEndpoint>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var method in methods)
            {
                list.Add(new SweptEndpoint(method, route, anonymous, policies));
            }
        }

        return list;
    }

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();

    private sealed record SweptEndpoint(string Method, string Route, bool Anonymous, HashSet<string> Policies);
}

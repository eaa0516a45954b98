using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Concordat.Core.Audit;
using Concordat.Core.Quality;
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Auth;

/// <summary>
/// Issue 13 item 4: every API route times every caller, each cell asserted by a real request against the one table in
/// <c>access-matrix.md</c> (beside this file), which docs/api.md shows verbatim. The routes come from the running
/// hub's endpoint data source, so a route without a row fails. Set <c>CONCORDAT_WRITE_ACCESS_MATRIX=1</c> to rewrite
/// the table (and the docs copy) from what the hub does, then read the diff before committing it.
/// </summary>
public sealed partial class AccessMatrixTests : IClassFixture<AccessMatrixTests.Fixture>
{
    private const string DocsStart = "<!-- access-matrix:start (generated from tests/Concordat.Server.Tests/Auth/access-matrix.md; do not edit here) -->";
    private const string DocsEnd = "<!-- access-matrix:end -->";
    private const string Agreement = "matrix-active";
    private const string Dataset = "dwp-claimants";

    // The callers, in column order: who they are and the demo client they use (null: no bearer token).
    private static readonly (string Column, string? Client)[] Callers =
    [
        ("anonymous", null),
        ("citizen", null),
        ("consumer with agreement", "leeds-council-service"),
        ("consumer without", "hmrc-service"),
        ("owner steward", "dwp-steward"),
        ("owner DPO", "dwp-dpo"),
        ("other org steward", "hmrc-steward"),
        ("other org DPO", "hmrc-dpo"),
        ("admin", "hub-admin"),
    ];

    private readonly Fixture _fx;

    public AccessMatrixTests(Fixture fixture) => _fx = fixture;

    private static string MatrixPath => Repository.PathOf("tests", "Concordat.Server.Tests", "Auth", "access-matrix.md");

    [Fact]
    public async Task Every_route_answers_every_caller_as_the_access_matrix_says()
    {
        var routes = Routes(_fx.Host);
        var expected = Parse(File.ReadAllText(MatrixPath));
        var observed = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        try
        {
            foreach (var (column, client) in Callers)
            {
                clients[column] = column == "citizen" ? await _fx.CitizenAsync() : client is null ? _fx.Host.Anonymous() : await _fx.Host.AsAsync(client);
            }

            foreach (var route in routes)
            {
                var cells = new string[Callers.Length];
                for (var i = 0; i < Callers.Length; i++)
                {
                    cells[i] = await _fx.CellAsync(clients[Callers[i].Column], Callers[i].Column == "citizen" ? "citizen" : Callers[i].Client, route);
                }

                observed[route] = cells;
            }
        }
        finally
        {
            foreach (var http in clients.Values)
            {
                http.Dispose();
            }
        }

        var table = Render(observed);
        if (Environment.GetEnvironmentVariable("CONCORDAT_WRITE_ACCESS_MATRIX") == "1")
        {
            File.WriteAllText(MatrixPath, Preamble + table);
            WriteDocs(table);
            return;
        }

        var missing = routes.Where(r => !expected.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "Routes without a row in access-matrix.md: " + string.Join(", ", missing));
        var stale = expected.Keys.Where(r => !observed.ContainsKey(r)).ToList();
        Assert.True(stale.Count == 0, "Rows in access-matrix.md for routes the hub does not map: " + string.Join(", ", stale));
        var wrong = new List<string>();
        foreach (var (route, cells) in observed)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                if (!string.Equals(cells[i], expected[route][i], StringComparison.Ordinal))
                {
                    wrong.Add($"{route} as {Callers[i].Column}: expected '{expected[route][i]}', got '{cells[i]}'");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(observed.Count * Callers.Length >= 700, $"Only {observed.Count * Callers.Length} cells");
    }

    [Fact]
    public void Docs_api_shows_the_access_matrix_as_the_tests_hold_it()
    {
        var table = TableOf(File.ReadAllText(MatrixPath));
        var docs = File.ReadAllText(Repository.PathOf("docs", "api.md"));
        var start = docs.IndexOf(DocsStart, StringComparison.Ordinal);
        var end = docs.IndexOf(DocsEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/api.md has no access matrix markers");
        Assert.Equal(table.Trim(), docs[(start + DocsStart.Length)..end].Trim());
    }

    [Fact]
    public void A_data_protection_officer_cannot_force_a_checkpoint_signing()
    {
        // The known defect the matrix found: signing is an operator's act, reading is the DPO's.
        var row = Parse(File.ReadAllText(MatrixPath))["POST /api/v1/audit/checkpoints"];
        Assert.StartsWith("403", row[Array.FindIndex(Callers, c => c.Column == "owner DPO")], StringComparison.Ordinal);
        Assert.StartsWith("200", row[Array.FindIndex(Callers, c => c.Column == "admin")], StringComparison.Ordinal);
    }

    private const string Preamble = """
        # Access matrix

        One row per route the hub maps (method and route template), one column per caller. Each cell is what a real
        request answers: the status, the ProblemDetails `code` of a refusal, and what it leaves behind: `+audit` when the
        request appended exactly one audit entry naming the caller, `+event` when it was counted as a security event
        (no valid token), nothing when neither. `AccessMatrixTests` sends every request; set
        `CONCORDAT_WRITE_ACCESS_MATRIX=1` to rewrite this file and the copy in docs/api.md from what the hub does.

        Callers: the consumer with an agreement is Leeds City Council's service under an active agreement with DWP; the
        consumer without is HMRC's service; the owner is DWP, which owns the dataset, the agreement (as provider), the
        ingest run and the quality profile named in the path; the other organisation is HMRC; the citizen is signed in
        at `/my-data` with a session cookie (and no bearer token). Bodies are `{}` except where a route needs a real
        one to reach its decision (look-ups, verifications, extracts, aggregates, record look-ups).


        """;

    private static string TableOf(string file) => file[file.IndexOf("| route", StringComparison.Ordinal)..];

    private static Dictionary<string, string[]> Parse(string file)
    {
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in TableOf(file).Split('\n').Skip(2))
        {
            if (!line.StartsWith('|'))
            {
                continue;
            }

            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            rows[cells[0]] = cells[1..];
        }

        return rows;
    }

    private static string Render(SortedDictionary<string, string[]> observed)
    {
        var text = new StringBuilder();
        text.Append("| route | ").AppendJoin(" | ", Callers.Select(c => c.Column)).Append(" |\n");
        text.Append("|---").Append(string.Concat(Enumerable.Repeat("|---", Callers.Length))).Append("|\n");
        foreach (var (route, cells) in observed)
        {
            text.Append("| `").Append(route).Append("` | ").AppendJoin(" | ", cells).Append(" |\n");
        }

        return text.ToString();
    }

    private static void WriteDocs(string table)
    {
        var path = Repository.PathOf("docs", "api.md");
        var docs = File.ReadAllText(path);
        var start = docs.IndexOf(DocsStart, StringComparison.Ordinal);
        var end = docs.IndexOf(DocsEnd, StringComparison.Ordinal);
        if (start >= 0 && end > start)
        {
            File.WriteAllText(path, docs[..(start + DocsStart.Length)] + "\n" + table + docs[end..]);
        }
    }

    private static List<string> Routes(ConcordatHost host)
    {
        var source = host.Services.GetRequiredService<EndpointDataSource>();
        var list = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!(route.StartsWith("/api/", StringComparison.Ordinal) || route.StartsWith("/oauth2/", StringComparison.Ordinal)
                || route.StartsWith("/.well-known/", StringComparison.Ordinal) || route.StartsWith("/my-data", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                list.Add(method + " " + route);
            }
        }

        return [.. list];
    }

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex(@"(name|value|type)=""([^""]*)""")]
    private static partial Regex Attribute();

    /// <summary>A hub with DWP claimants, an active DWP to Leeds agreement, a profile, an extract, and the audit to watch.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private long _run;
        private long _profile;
        private string _extract = "x";
        private long _firstSignedSize = 1;
        private long _signedSize = 1;

        public ConcordatHost Host { get; } = new();

        public async Task InitializeAsync()
        {
            _run = IngestSeed.Run(Host, Dataset,
            [
                ("AB123456C|pension-credit", """{"nino":"AB123456C","givenName":"Ann","familyName":"O'Neill","dateOfBirth":"1950-03-04","postcode":"LS1 4AP","benefit":"pension-credit","claimStart":"2020-01-01"}"""),
            ]);
            _profile = (await Host.Services.GetRequiredService<QualityService>().ProfileAsync(Dataset, ProfileTrigger.OnDemand, null, CancellationToken.None)).Value.Id;
            await ExchangeFixture.ActivateAsync(Host, Agreement);
            using var consumer = await Host.AsAsync("leeds-council-service");
            var manifest = await ExchangeFixture.ExpectAsync(consumer.PostAsync("/api/v1/exchange/extracts", Bodies.Json(Exchange("csv"))), HttpStatusCode.Created);
            _extract = manifest.GetProperty("extractId").GetString()!;

            // Two checkpoints signed now, an audited request apart, so the checkpoint and proof cells do not depend on
            // whether or when the background signer runs (it signs every second, which a fast machine can beat and a
            // loaded one can trail): the proofs are asked between these two sizes, which stay signed.
            using var admin = await Host.AsAsync("hub-admin");
            var first = await ExchangeFixture.ExpectAsync(admin.PostAsync("/api/v1/audit/checkpoints", null), HttpStatusCode.OK);
            _firstSignedSize = first.GetProperty("treeSize").GetInt64();
            await ExchangeFixture.ExpectAsync(consumer.PostAsync("/api/v1/exchange/extracts", Bodies.Json(Exchange("csv"))), HttpStatusCode.Created);
            var signed = await ExchangeFixture.ExpectAsync(admin.PostAsync("/api/v1/audit/checkpoints", null), HttpStatusCode.OK);
            _signedSize = signed.GetProperty("treeSize").GetInt64();
            Assert.True(_signedSize > _firstSignedSize, "the second checkpoint covers the audited extract after the first");
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();

        /// <summary>A client holding a citizen's session cookie, got through the demo sign-in with plain HTTP.</summary>
        public async Task<HttpClient> CitizenAsync()
        {
            var jar = new Dictionary<string, string>(StringComparer.Ordinal);
            using var http = Host.Anonymous();
            async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
            {
                if (jar.Count > 0)
                {
                    request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", jar.Select(c => c.Key + "=" + c.Value)));
                }

                var response = await http.SendAsync(request);
                foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
                {
                    var pair = cookie.Split(';')[0];
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    jar[pair[..equals]] = pair[(equals + 1)..];
                }

                return response;
            }

            using var challenge = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/my-data"));
            using var page = await SendAsync(new HttpRequestMessage(HttpMethod.Get, challenge.Headers.Location!));
            var form = new List<KeyValuePair<string, string>>();
            string? citizen = null;
            foreach (Match input in Input().Matches(await page.Content.ReadAsStringAsync()))
            {
                var attributes = Attribute().Matches(input.Value).ToDictionary(a => a.Groups[1].Value, a => WebUtility.HtmlDecode(a.Groups[2].Value), StringComparer.Ordinal);
                if (attributes.GetValueOrDefault("type") == "hidden" && attributes.TryGetValue("name", out var name))
                {
                    form.Add(new(name, attributes.GetValueOrDefault("value") ?? string.Empty));
                }
                else if (attributes.GetValueOrDefault("name") == "citizen")
                {
                    citizen ??= attributes["value"];
                }
            }

            form.Add(new("citizen", citizen!));
            using var chosen = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/demo-idp/authorize") { Content = new FormUrlEncodedContent(form) });
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
            using var callback = await SendAsync(new HttpRequestMessage(HttpMethod.Get, chosen.Headers.Location!));
            var session = jar.Where(c => c.Key.StartsWith("concordat-citizen", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(session);
            var signedIn = Host.Anonymous();
            signedIn.DefaultRequestHeaders.TryAddWithoutValidation("Cookie", string.Join("; ", session.Select(c => c.Key + "=" + c.Value)));
            using var check = await signedIn.GetAsync("/my-data");
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
            return signedIn;
        }

        /// <summary>Sends the row's request as the caller and describes what happened, as a matrix cell.</summary>
        public async Task<string> CellAsync(HttpClient http, string? clientId, string route)
        {
            var audit = Host.Services.GetRequiredService<IAuditLog>();
            var tally = Host.Services.GetRequiredService<SecurityEventTally>();
            tally.Drain(DateTimeOffset.MaxValue);
            var before = await audit.GetSizeAsync(CancellationToken.None);
            using var response = await http.SendAsync(Request(route));
            var text = await response.Content.ReadAsStringAsync();
            var after = await audit.GetSizeAsync(CancellationToken.None);
            var events = tally.Drain(DateTimeOffset.MaxValue).Sum(e => e.Count);
            var cell = new StringBuilder(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                using var problem = JsonDocument.Parse(text);
                if (problem.RootElement.TryGetProperty("code", out var code))
                {
                    cell.Append(' ').Append(code.GetString());
                }
            }

            if (after - before == 1)
            {
                var entry = (await audit.GetEntryAsync(before, CancellationToken.None))!;
                Assert.Equal(clientId, entry.Entry.ClientId);
                Assert.Equal((int)response.StatusCode >= 400, entry.Entry.Outcome == AuditOutcome.Denied);
                cell.Append(" +audit");
            }
            else if (after != before)
            {
                cell.Append(" +audit×").Append(after - before);
            }

            if (events > 0)
            {
                cell.Append(" +event");
            }

            return cell.ToString();
        }

        private HttpRequestMessage Request(string row)
        {
            var space = row.IndexOf(' ', StringComparison.Ordinal);
            var method = row[..space];
            var template = row[(space + 1)..];
            var path = Parameter().Replace(template, match => match.Groups[1].Value switch
            {
                "id" when template.StartsWith("/api/v1/organisations", StringComparison.Ordinal) => "dwp",
                "id" when template.StartsWith("/api/v1/datasets", StringComparison.Ordinal) => Dataset,
                "id" when template.Contains("agreements", StringComparison.Ordinal) => Agreement,
                "id" when template.Contains("extracts", StringComparison.Ordinal) => _extract,
                "runId" => _run.ToString(CultureInfo.InvariantCulture),
                "profileId" => _profile.ToString(CultureInfo.InvariantCulture),
                "name" => "test-source",
                "index" => "0",
                _ => "x",
            });
            if (template == "/api/v1/audit/proofs/inclusion")
            {
                path += "?index=0&treeSize=" + _signedSize.ToString(CultureInfo.InvariantCulture);
            }
            else if (template == "/api/v1/audit/proofs/consistency")
            {
                path += "?from=" + _firstSignedSize.ToString(CultureInfo.InvariantCulture) + "&to=" + _signedSize.ToString(CultureInfo.InvariantCulture);
            }

            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT")
            {
                request.Content = template == "/oauth2/token"
                    ? new FormUrlEncodedContent([new("grant_type", "client_credentials")])
                    : Bodies.Json(Body(template));
            }

            if (method == "PUT")
            {
                request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            }

            return request;
        }

        private static JsonObject Body(string template) => template switch
        {
            "/api/v1/exchange/lookups" => ExchangeFixture.Lookup(Agreement, "AB123456C"),
            "/api/v1/exchange/verifications" => new JsonObject
            {
                ["agreementId"] = Agreement,
                ["purpose"] = "benefit-eligibility",
                ["datasetId"] = Dataset,
                ["identifier"] = new JsonObject { ["kind"] = "nino", ["value"] = "AB123456C" },
                ["claims"] = new JsonObject { ["givenName"] = "Ann" },
            },
            "/api/v1/exchange/extracts" => Exchange("csv"),
            "/api/v1/exchange/person-matches" => new JsonObject
            {
                ["agreementId"] = Agreement,
                ["purpose"] = "benefit-eligibility",
                ["datasetId"] = Dataset,
                ["record"] = new JsonObject { ["givenName"] = "Ann", ["nino"] = "AB123456C" },
            },
            "/api/v1/exchange/aggregates" => new JsonObject
            {
                ["agreementId"] = Agreement,
                ["purpose"] = "benefit-eligibility",
                ["datasetId"] = Dataset,
                ["groupBy"] = new JsonArray("benefit"),
            },
            "/api/v1/datasets/{id}/records/lookup" or "/api/v1/datasets/{id}/records/history" => new JsonObject { ["key"] = "AB123456C|pension-credit" },
            _ => [],
        };

        private static JsonObject Exchange(string format) => new()
        {
            ["agreementId"] = Agreement,
            ["purpose"] = "benefit-eligibility",
            ["datasetId"] = Dataset,
            ["format"] = format,
        };
    }

}

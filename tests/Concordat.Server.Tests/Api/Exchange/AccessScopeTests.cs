using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>
/// Issue 15 item 4: a data protection officer reads the audit entries about their own organisation's data (as
/// provider or consumer), an administrator reads all; stewards make no consumer requests unless their client also
/// holds the consumer role; a disabled, removed or narrowed client's tokens are refused on their next request.
/// </summary>
public sealed class AccessScopeTests : IClassFixture<ExchangeFixture>
{
    private readonly ExchangeFixture _fx;

    public AccessScopeTests(ExchangeFixture fixture) => _fx = fixture;

    private SubjectKey Ann => _fx.Host.Services.GetRequiredService<SubjectKeyer>().For(IdentifierKind.Nino, "AB123456C").Value;

    private async Task<HttpStatusCode> ReadEntryAsync(string clientId, long index)
    {
        using var reader = await _fx.Host.AsAsync(clientId);
        using var response = await reader.GetAsync($"/api/v1/audit/entries/{index}");
        return response.StatusCode;
    }

    private async Task<List<long>> FindAsync(string clientId, int limit = 1000)
    {
        using var reader = await _fx.Host.AsAsync(clientId);
        var indexes = new List<long>();
        string? after = null;
        do
        {
            var page = await ExpectAsync(reader.GetAsync($"/api/v1/audit/entries?subjectKey={Ann}&limit={limit}" + (after is null ? "" : "&after=" + after)), HttpStatusCode.OK);
            indexes.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("index").GetInt64()));
            after = page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (after is not null);
        return indexes;
    }

    [Fact]
    public async Task A_dpo_reads_the_entries_about_their_organisations_data_and_no_others()
    {
        var agreement = await _fx.ActiveAgreementAsync("scope-dpo");
        using var leeds = await _fx.Host.AsAsync("leeds-council-service");
        using var hmrc = await _fx.Host.AsAsync("hmrc-service");
        var permitted = (await ExpectAsync(leeds.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK)).GetProperty("auditIndex").GetInt64();
        // HMRC tries DWP's data under Leeds's agreement: refused, and the attempt is DWP's (provider) and HMRC's to see.
        await Problem.ReadAsync(await hmrc.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), 403);
        var attempt = (await _fx.LastAuditAsync()).Index;

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (await ReadEntryAsync("hub-admin", permitted), await ReadEntryAsync("hub-admin", attempt)));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (await ReadEntryAsync("dwp-dpo", permitted), await ReadEntryAsync("dwp-dpo", attempt)));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (await ReadEntryAsync("leeds-council-dpo", permitted), await ReadEntryAsync("leeds-council-dpo", attempt)));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (await ReadEntryAsync("hmrc-dpo", permitted), await ReadEntryAsync("hmrc-dpo", attempt)));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (await ReadEntryAsync("dvla-dpo", permitted), await ReadEntryAsync("dvla-dpo", attempt)));

        // The same scope applies to the search by person, page by page.
        Assert.Contains(permitted, await FindAsync("leeds-council-dpo", limit: 1));
        Assert.DoesNotContain(attempt, await FindAsync("leeds-council-dpo", limit: 1));
        Assert.Empty(await FindAsync("dvla-dpo"));
        Assert.Superset(new HashSet<long> { permitted, attempt }, (await FindAsync("dwp-dpo")).ToHashSet());
        Assert.Superset(new HashSet<long> { permitted, attempt }, (await FindAsync("hub-admin")).ToHashSet());
    }

    [Fact]
    public async Task A_dpo_gets_inclusion_proofs_only_for_entries_in_scope_and_cannot_export_the_whole_log()
    {
        var agreement = await _fx.ActiveAgreementAsync("scope-proofs");
        using var leeds = await _fx.Host.AsAsync("leeds-council-service");
        var index = (await ExpectAsync(leeds.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK)).GetProperty("auditIndex").GetInt64();
        using var admin = await _fx.Host.AsAsync("hub-admin");
        var size = (await ExpectAsync(admin.PostAsync("/api/v1/audit/checkpoints", null), HttpStatusCode.OK)).GetProperty("treeSize").GetInt64();

        using var dwp = await _fx.Host.AsAsync("dwp-dpo");
        using var dvla = await _fx.Host.AsAsync("dvla-dpo");
        await ExpectAsync(dwp.GetAsync($"/api/v1/audit/proofs/inclusion?index={index}&treeSize={size}"), HttpStatusCode.OK);
        Assert.Equal("audit.entry_not_found", Problem.Code(await Problem.ReadAsync(await dvla.GetAsync($"/api/v1/audit/proofs/inclusion?index={index}&treeSize={size}"), 404)));
        // Checkpoints and consistency proofs carry only hashes.
        await ExpectAsync(dvla.GetAsync("/api/v1/audit/checkpoints/latest"), HttpStatusCode.OK);

        Assert.Equal("audit.export_forbidden", Problem.Code(await Problem.ReadAsync(await dwp.GetAsync("/api/v1/audit/export"), 403)));
        using var export = await admin.GetAsync("/api/v1/audit/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }

    [Theory]
    [InlineData("leeds-council-steward")]
    [InlineData("leeds-council-dpo")]
    [InlineData("hub-admin")]
    public async Task A_client_without_the_consumer_role_makes_no_consumer_requests(string clientId)
    {
        var agreement = await _fx.ActiveAgreementAsync("scope-role-" + clientId);
        using var client = await _fx.Host.AsAsync(clientId);

        foreach (var (path, body) in new[]
        {
            ("/api/v1/exchange/lookups", Lookup(agreement, "AB123456C")),
            ("/api/v1/exchange/extracts", BulkExchangeTests.Extract(agreement, "csv")),
        })
        {
            using var response = await client.PostAsync(path, Bodies.Json(body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal("auth.forbidden", Problem.Code(await Problem.ReadAsync(response, 403)));
            Assert.DoesNotContain("Ann", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_steward_whose_client_also_holds_the_consumer_role_may_ask()
    {
        var agreement = await _fx.ActiveAgreementAsync("scope-role-both");
        using var client = await NewClientAsync("leeds-both", "steward", "consumer");

        await ExpectAsync(client.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_disabled_mid_session_is_refused_on_its_next_request_though_its_token_is_cached_and_unexpired()
    {
        var agreement = await _fx.ActiveAgreementAsync("scope-disable");
        using var client = await NewClientAsync("leeds-disabled", "consumer");
        // Twice, so the token is in the validated-token cache.
        await ExpectAsync(client.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK);
        await ExpectAsync(client.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK);

        using var admin = await _fx.Host.AsAsync("hub-admin");
        var disabled = await ExpectAsync(admin.PostAsync("/api/v1/organisations/leeds-council/clients/leeds-disabled/disable", null), HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, disabled.GetProperty("disabledAt").ValueKind);

        await Problem.ReadAsync(await client.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), 401);
        await Problem.ReadAsync(await client.GetAsync("/api/v1/datasets"), 401);
        // Another organisation's client answers like an unknown one.
        await Problem.ReadAsync(await admin.PostAsync("/api/v1/organisations/dwp/clients/leeds-council-service/disable", null), 404);
    }

    [Theory]
    [InlineData("DELETE FROM api_clients WHERE client_id = 'leeds-removed'", "leeds-removed")]
    [InlineData("UPDATE api_clients SET disabled_at = '2026-01-01T00:00:00.0000000Z' WHERE client_id = 'leeds-elsewhere'", "leeds-elsewhere")]
    [InlineData("UPDATE api_clients SET roles = 2 WHERE client_id = 'leeds-narrowed'", "leeds-narrowed")]
    public async Task A_client_removed_disabled_or_narrowed_by_another_process_is_refused_at_once(string sql, string clientId)
    {
        var agreement = await _fx.ActiveAgreementAsync("scope-" + clientId);
        using var client = await NewClientAsync(clientId, "consumer");
        await ExpectAsync(client.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK);

        // As the CLI or another hub node would: straight into the database, behind this process's back.
        using (var connection = _fx.Host.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        await Problem.ReadAsync(await client.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), 401);
    }

    private async Task<HttpClient> NewClientAsync(string clientId, params string[] roles)
    {
        using var admin = await _fx.Host.AsAsync("hub-admin");
        var created = await ExpectAsync(admin.PostAsJsonAsync("/api/v1/organisations/leeds-council/clients", new { clientId, name = clientId, roles }), HttpStatusCode.Created);
        var secret = created.GetProperty("clientSecret").GetString()!;
        using var anonymous = _fx.Host.Anonymous();
        using var token = await anonymous.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        token.EnsureSuccessStatusCode();
        var access = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        return _fx.Host.WithBearer(access);
    }
}

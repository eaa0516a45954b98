using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Infrastructure;
using Parquet;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>Extracts and aggregates through the real hub: shaped, hashed, audited, and readable only by their organisation.</summary>
public sealed class BulkExchangeTests : IClassFixture<ExchangeFixture>
{
    private readonly ExchangeFixture _fx;

    public BulkExchangeTests(ExchangeFixture fixture) => _fx = fixture;

    private static JsonObject ExtractBody(string agreementId, string format) => new()
    {
        ["agreementId"] = agreementId,
        ["purpose"] = "benefit-eligibility",
        ["datasetId"] = "dwp-claimants",
        ["format"] = format,
    };

    [Fact]
    public async Task Csv_extract_holds_only_permitted_rows_and_fields_and_matches_its_manifest()
    {
        var agreement = await _fx.ActiveAgreementAsync("bulk-csv");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        var manifest = await ExpectAsync(consumer.PostAsync("/api/v1/exchange/extracts", Bodies.Json(Extract(agreement, "csv"))), HttpStatusCode.Created);
        var id = manifest.GetProperty("extractId").GetString()!;
        // The person under 65 is outside the agreement's row filter.
        Assert.Equal(2, manifest.GetProperty("rowCount").GetInt64());
        Assert.Equal(Today.AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), manifest.GetProperty("retainUntil").GetString());
        Assert.Equal(["nino", "givenName", "dateOfBirth", "postcode", "benefit"], manifest.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));

        using var data = await consumer.GetAsync($"/api/v1/exchange/extracts/{id}/data");
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        var bytes = await data.Content.ReadAsByteArrayAsync();
        Assert.Equal(manifest.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(manifest.GetProperty("bytes").GetInt64(), bytes.Length);
        Assert.Equal("sha-256=:" + Convert.ToBase64String(SHA256.HashData(bytes)) + ":", data.Headers.GetValues("Repr-Digest").Single());
        var lines = Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("nino,givenName,dateOfBirth,postcode,benefit", lines[0]);
        Assert.Equal(["AB123456C,Ann,1950,LS1,attendance-allowance", "AB123456C,Ann,1950,LS1,pension-credit"], lines.Skip(1).Order(StringComparer.Ordinal));

        var made = await _fx.Audit.GetEntryAsync(manifest.GetProperty("auditIndex").GetInt64(), default);
        Assert.Equal("extract", made!.Entry.Action);
        Assert.Single(made.Entry.SubjectKeys);
        Assert.Equal("extract-download", (await _fx.LastAuditAsync()).Entry.Action);
    }

    [Fact]
    public async Task Parquet_and_ndjson_extracts_read_back()
    {
        var agreement = await _fx.ActiveAgreementAsync("bulk-formats");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");

        var ndjson = await ExpectAsync(consumer.PostAsync("/api/v1/exchange/extracts", Bodies.Json(Extract(agreement, "ndjson"))), HttpStatusCode.Created);
        var ndjsonText = await consumer.GetStringAsync($"/api/v1/exchange/extracts/{ndjson.GetProperty("extractId").GetString()}/data");
        var objects = ndjsonText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(2, objects.Count);
        Assert.All(objects, o => Assert.Equal("LS1", (string?)o["postcode"]));

        var parquet = await ExpectAsync(consumer.PostAsync("/api/v1/exchange/extracts", Bodies.Json(Extract(agreement, "parquet"))), HttpStatusCode.Created);
        var file = await consumer.GetByteArrayAsync($"/api/v1/exchange/extracts/{parquet.GetProperty("extractId").GetString()}/data");
        using var stream = new MemoryStream(file);
        await using var reader = await ParquetReader.CreateAsync(stream);
        Assert.Equal(["nino", "givenName", "dateOfBirth", "postcode", "benefit"], reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(2, reader.Metadata!.NumRows);
    }

    [Fact]
    public async Task Another_organisation_cannot_read_an_extract_and_ids_cannot_traverse_paths()
    {
        var agreement = await _fx.ActiveAgreementAsync("bulk-private");
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        var manifest = await ExpectAsync(consumer.PostAsync("/api/v1/exchange/extracts", Bodies.Json(Extract(agreement, "csv"))), HttpStatusCode.Created);
        var id = manifest.GetProperty("extractId").GetString()!;

        using var hmrc = await _fx.Host.AsAsync("hmrc-service");
        await Problem.ReadAsync(await hmrc.GetAsync($"/api/v1/exchange/extracts/{id}"), 404);
        await Problem.ReadAsync(await hmrc.GetAsync($"/api/v1/exchange/extracts/{id}/data"), 404);
        foreach (var name in new[] { "..%2F..%2Fkeys%2Fmaster.key", "..%2Fconcordat.db", "%2Fetc%2Fpasswd", id + "%2F..%2F..%2Fconcordat.db", "ex-" + new string('0', 20) })
        {
            using var response = await consumer.GetAsync($"/api/v1/exchange/extracts/{name}/data");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("SQLite", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    internal static JsonObject Extract(string agreementId, string format) => ExtractBody(agreementId, format);
}

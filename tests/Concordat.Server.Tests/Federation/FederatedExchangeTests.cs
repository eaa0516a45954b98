using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Federation;
using Concordat.Core.Ingestion;
using Concordat.Server.Federation;
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Federation;

/// <summary>
/// Exchange across nodes on a three-node loopback federation: DWP's node holds the records, Leeds City Council's node
/// forwards its consumer service's requests, HMRC's node is a third member; DVLA has a certificate from the
/// federation's CA but is not listed.
/// </summary>
public sealed class FederatedExchangeTests : IAsyncLifetime
{
    private const string Dataset = "dwp:dwp-claimants";
    private readonly FederationNetwork _network = new();
    private FederationNode _dwp = null!;
    private FederationNode _leeds = null!;
    private FederationNode _hmrc = null!;

    public async Task InitializeAsync()
    {
        foreach (var organisation in new[] { "dwp", "leeds-council", "hmrc", "dvla" })
        {
            _network.Prepare(organisation);
        }

        _network.Publish(_network.Configuration(["dwp", "leeds-council", "hmrc"]));
        _dwp = await _network.StartAsync("dwp", seedDemo: true);
        _leeds = await _network.StartAsync("leeds-council", seedDemo: true);
        _hmrc = await _network.StartAsync("hmrc", seedDemo: true);
        IngestSeed.Run(_dwp, "dwp-claimants",
        [
            ("AB123456C|pension-credit", """{"nino":"AB123456C","givenName":"Ann","familyName":"Quennell-Ravensworth","dateOfBirth":"1950-03-04","postcode":"LS1 4AP","benefit":"pension-credit","claimStart":"2020-01-01"}"""),
            ("CE987654D|universal-credit", """{"nino":"CE987654D","givenName":"Bob","familyName":"Smith","dateOfBirth":"1990-01-01","postcode":"LS6 2BB","benefit":"universal-credit","claimStart":"2022-02-02"}"""),
        ]);
        // Set up at the provider's node, where the provider's steward and DPO approve it.
        await ExchangeFixture.ActivateAsync(_dwp, "dsa-federated");
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_lookup_at_the_consumers_node_is_decided_and_shaped_at_the_providers_and_both_audit_it_with_the_same_digests()
    {
        var dwpBefore = await SizeAsync(_dwp);
        using var service = await _leeds.AsAsync("leeds-council-service");

        var answer = await ExchangeFixture.ExpectAsync(service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("AB123456C"))), HttpStatusCode.OK);

        var record = Assert.Single(answer.GetProperty("records").EnumerateArray());
        Assert.Equal("Ann", record.GetProperty("givenName").GetString());
        Assert.Equal("1950", record.GetProperty("dateOfBirth").GetString());
        Assert.Equal("LS1", record.GetProperty("postcode").GetString());
        Assert.False(record.TryGetProperty("familyName", out _));
        Assert.Equal("dsa-federated", answer.GetProperty("agreementId").GetString());

        // The consumer's node answers with its own entry, which names the provider and both digests.
        var consumerEntry = await EntryAsync(_leeds, answer.GetProperty("auditIndex").GetInt64());
        Assert.Equal(AuditOutcome.Permitted, consumerEntry.Outcome);
        Assert.Equal("leeds-council-service", consumerEntry.ClientId);
        Assert.Equal(Dataset, consumerEntry.DatasetId);
        Assert.Equal("dsa-federated", consumerEntry.AgreementId);
        Assert.Single(consumerEntry.SubjectKeys);
        var consumerEvidence = consumerEntry.Evidence!;
        Assert.Equal("dwp", consumerEvidence.PeerOrganisationId);
        Assert.NotNull(consumerEvidence.ResponseDigest);

        // The provider audited exactly one entry: the consumer as the caller, the same exchange and digests.
        Assert.Equal(dwpBefore + 1, await SizeAsync(_dwp));
        var providerEntry = await EntryAsync(_dwp, dwpBefore);
        Assert.Equal(AuditOutcome.Permitted, providerEntry.Outcome);
        Assert.Equal("leeds-council", providerEntry.OrganisationId);
        Assert.Equal("leeds-council-service", providerEntry.ClientId);
        Assert.Equal("dwp-claimants", providerEntry.DatasetId);
        Assert.Equal("leeds-council", providerEntry.Evidence!.PeerOrganisationId);
        Assert.Equal(consumerEvidence.ExchangeId, providerEntry.Evidence.ExchangeId);
        Assert.Equal(consumerEvidence.RequestDigest.ToArray(), providerEntry.Evidence.RequestDigest.ToArray());
        Assert.Equal(consumerEvidence.ResponseDigest!.Value.ToArray(), providerEntry.Evidence.ResponseDigest!.Value.ToArray());

        // Each node keeps the signed messages behind the digests: their SHA-256 is what both logs record, and each
        // signature verifies with the signing node's listed certificate.
        foreach (var node in new[] { _leeds, _dwp })
        {
            var (request, response) = node.Services.GetRequiredService<FederationMessageLog>().Find(consumerEvidence.ExchangeId)!.Value;
            Assert.Equal(consumerEvidence.RequestDigest.ToArray(), request.Digest);
            Assert.Equal(consumerEvidence.ResponseDigest.Value.ToArray(), response!.Digest);
            using var leedsKey = _network.CertificateOf("leeds-council").GetECDsaPublicKey()!;
            using var dwpKey = _network.CertificateOf("dwp").GetECDsaPublicKey()!;
            Assert.True(request.VerifiedBy(leedsKey));
            Assert.True(response.VerifiedBy(dwpKey));
            Assert.False(response.VerifiedBy(leedsKey));
            Assert.Equal(Convert.ToBase64String(request.Digest), response["request"]);
        }

        // The evidence survives the export and the verifier, on both nodes.
        foreach (var node in new[] { _leeds, _dwp })
        {
            await node.Services.GetRequiredService<IAuditLog>().CheckpointAsync(default);
            using var admin = await node.AsAsync("hub-admin");
            var export = await admin.GetStringAsync("/api/v1/audit/export");
            Assert.Contains("\"requestDigest\":\"" + Convert.ToHexStringLower(consumerEvidence.RequestDigest.Span) + "\"", export, StringComparison.Ordinal);
            var verification = await new AuditLogVerifier(node.Services.GetRequiredService<IAuditLog>().PublicKey)
                .VerifyAsync(new MemoryStream(Encoding.UTF8.GetBytes(export)), default);
            Assert.True(verification.IsValid, verification.Problem?.Message);
        }
    }

    [Fact]
    public async Task Verify_and_aggregate_work_the_same_way_through_the_consumers_node()
    {
        using var service = await _leeds.AsAsync("leeds-council-service");
        var verify = new JsonObject
        {
            ["agreementId"] = "dsa-federated",
            ["purpose"] = "benefit-eligibility",
            ["datasetId"] = Dataset,
            ["identifier"] = new JsonObject { ["kind"] = "nino", ["value"] = "AB 12 34 56 C" },
            ["claims"] = new JsonObject { ["givenName"] = "Ann", ["benefit"] = "universal-credit" },
        };
        var verified = await ExchangeFixture.ExpectAsync(service.PostAsync("/api/v1/exchange/verifications", Bodies.Json(verify)), HttpStatusCode.OK);
        Assert.True(verified.GetProperty("recordFound").GetBoolean());
        Assert.Equal("matched", verified.GetProperty("claims").GetProperty("givenName").GetString());
        Assert.Equal("notMatched", verified.GetProperty("claims").GetProperty("benefit").GetString());
        Assert.Equal("verify", (await EntryAsync(_leeds, verified.GetProperty("auditIndex").GetInt64())).Action);

        IngestSeed.Run(_dwp, "dwp-claimants", Enumerable.Range(0, 24).Select(i =>
        {
            var nino = $"JK{i:D6}A";
            return ($"{nino}|pension-credit", $$"""{"nino":"{{nino}}","givenName":"P{{i}}","dateOfBirth":"1945-01-01","postcode":"LS2 1AA","benefit":"pension-credit"}""");
        }).ToList());
        await ExchangeFixture.ActivateAsync(_dwp, "dsa-federated-aggregate", terms =>
        {
            terms["disclosureMode"] = "aggregate";
            terms["datasets"]![0]!["fields"] = new JsonArray(
                new JsonObject { ["name"] = "postcode", ["transform"] = "postcodeDistrict", ["groupable"] = true },
                new JsonObject { ["name"] = "benefit", ["groupable"] = true });
        });
        var aggregate = new JsonObject
        {
            ["agreementId"] = "dsa-federated-aggregate",
            ["purpose"] = "benefit-eligibility",
            ["datasetId"] = Dataset,
            ["groupBy"] = new JsonArray("benefit"),
        };
        var table = await ExchangeFixture.ExpectAsync(service.PostAsync("/api/v1/exchange/aggregates", Bodies.Json(aggregate)), HttpStatusCode.OK);
        var cell = Assert.Single(table.GetProperty("cells").EnumerateArray());
        Assert.Equal("pension-credit", cell.GetProperty("group")[0].GetString());
        Assert.Equal(25, cell.GetProperty("count").GetInt64());
        var entry = await EntryAsync(_leeds, table.GetProperty("auditIndex").GetInt64());
        Assert.Equal("aggregate", entry.Action);
        Assert.Empty(entry.SubjectKeys);
        Assert.Equal("dwp", entry.Evidence!.PeerOrganisationId);
    }

    [Fact]
    public async Task A_refusal_at_the_provider_comes_back_as_the_same_problem_and_both_nodes_audit_it()
    {
        var dwpBefore = await SizeAsync(_dwp);
        using var service = await _leeds.AsAsync("leeds-council-service");

        using var response = await service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("AB123456C", purpose: "fraud-prevention")));

        var problem = await Problem.ReadAsync(response, 403);
        Assert.Equal("policy.purpose_mismatch", Problem.Code(problem));
        Assert.Equal("Forbidden", problem.GetProperty("title").GetString());
        var consumerEntry = await LastAsync(_leeds);
        Assert.Equal(AuditOutcome.Denied, consumerEntry.Outcome);
        Assert.Equal("policy.purpose_mismatch", consumerEntry.ReasonCode);
        var providerEntry = await EntryAsync(_dwp, dwpBefore);
        Assert.Equal(AuditOutcome.Denied, providerEntry.Outcome);
        Assert.Equal("policy.purpose_mismatch", providerEntry.ReasonCode);
        Assert.Equal(consumerEntry.Evidence!.ResponseDigest!.Value.ToArray(), providerEntry.Evidence!.ResponseDigest!.Value.ToArray());

        // The same request made on the provider's own API gives the same problem.
        using var local = await _dwp.AsAsync("leeds-council-service");
        var direct = JsonNode.Parse(Lookup("AB123456C", purpose: "fraud-prevention").ToJsonString())!.AsObject();
        direct["datasetId"] = "dwp-claimants";
        using var localResponse = await local.PostAsync("/api/v1/exchange/lookups", Bodies.Json(direct));
        var localProblem = await Problem.ReadAsync(localResponse, 403);
        Assert.Equal(Problem.Code(localProblem), Problem.Code(problem));
        Assert.Equal(localProblem.GetProperty("detail").GetString(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Suspension_at_the_providers_node_takes_effect_on_the_next_forwarded_request()
    {
        using var service = await _leeds.AsAsync("leeds-council-service");
        await ExchangeFixture.ExpectAsync(service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("AB123456C"))), HttpStatusCode.OK);
        using var steward = await _dwp.AsAsync("dwp-steward");
        await ExchangeFixture.ExpectAsync(steward.PostAsync("/api/v1/agreements/dsa-federated/suspend", Bodies.Json("""{"reason":"Investigating a complaint."}""")), HttpStatusCode.OK);

        var refused = await Problem.ReadAsync(await service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("AB123456C"))), 403);

        Assert.Equal("policy.agreement_suspended", Problem.Code(refused));
        Assert.Equal("policy.agreement_suspended", (await LastAsync(_leeds)).ReasonCode);
        Assert.Equal("policy.agreement_suspended", (await LastAsync(_dwp)).ReasonCode);
        await ExchangeFixture.ExpectAsync(steward.PostAsync("/api/v1/agreements/dsa-federated/resume", Bodies.Json("""{"reason":"Complaint resolved."}""")), HttpStatusCode.OK);
        await ExchangeFixture.ExpectAsync(service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("AB123456C"))), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_dataset_of_an_organisation_outside_the_federation_is_refused_before_any_traffic_and_audited()
    {
        using var service = await _leeds.AsAsync("leeds-council-service");
        var body = Lookup("AB123456C");
        body["datasetId"] = "dvla:dvla-drivers";

        var problem = await Problem.ReadAsync(await service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(body)), 404);

        Assert.Equal("federation.unknown_member", Problem.Code(problem));
        var entry = await LastAsync(_leeds);
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Equal("dvla", entry.Evidence!.PeerOrganisationId);
        Assert.Null(entry.Evidence.ResponseDigest);

        // DVLA's node, whose certificate the federation's CA issued but the configuration does not list, cannot reach the exchange.
        using var dvla = _network.CertificateOf("dvla");
        using var outsider = FederationNetwork.RawClient(_dwp.FederationAddress, dvla);
        await Assert.ThrowsAsync<HttpRequestException>(() => outsider.PostAsync("federation/v1/exchange/lookups", Bodies.Json(Lookup("AB123456C"))));
    }

    [Fact]
    public async Task A_revoked_consumer_node_is_cut_off_and_its_refused_attempt_is_audited_at_its_own_node_only()
    {
        using var service = await _leeds.AsAsync("leeds-council-service");
        await ExchangeFixture.ExpectAsync(service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("AB123456C"))), HttpStatusCode.OK);
        // The operator revokes Leeds's certificate (and lists a replacement Leeds has not installed yet).
        using var replacementKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var replacement = _network.IssueFor(replacementKey, "leeds-council");
        var next = _network.Configuration(["dwp", "leeds-council", "hmrc"]);
        var revoked = next with
        {
            Members = [.. next.Members.Select(m => m.OrganisationId == "leeds-council" ? m with { Certificates = [CertificateThumbprint.Of(replacement)] } : m)],
            RevokedCertificates = [_network.Thumbprint("leeds-council")],
        };
        _network.Publish(revoked);
        await _dwp.RefreshAsync();
        var dwpBefore = await SizeAsync(_dwp);

        // Leeds has not refreshed yet: it still tries on its open connection, and DWP's node refuses the certificate.
        var refused = await Problem.ReadAsync(await service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("AB123456C"))), 403);
        Assert.Equal("federation.certificate_revoked", Problem.Code(refused));
        Assert.Equal(AuditOutcome.Denied, (await LastAsync(_leeds)).Outcome);
        Assert.Equal(dwpBefore, await SizeAsync(_dwp));

        // Once Leeds has the new configuration it refuses before any traffic.
        await _leeds.RefreshAsync();
        using var after = await service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("AB123456C")));
        Assert.False(after.IsSuccessStatusCode);
        Assert.DoesNotContain("Quennell", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AuditOutcome.Denied, (await LastAsync(_leeds)).Outcome);
        Assert.Equal(dwpBefore, await SizeAsync(_dwp));
    }

    [Fact]
    public async Task A_token_presented_on_another_nodes_connection_is_refused_and_nothing_is_read_or_audited()
    {
        using var leedsCertificate = _network.CertificateOf("leeds-council");
        using var hmrcCertificate = _network.CertificateOf("hmrc");
        using var asLeeds = FederationNetwork.RawClient(_dwp.FederationAddress, leedsCertificate);
        var token = await TokenAsync(asLeeds, "leeds-council");
        var dwpBefore = await SizeAsync(_dwp);

        using var asHmrc = FederationNetwork.RawClient(_dwp.FederationAddress, hmrcCertificate);
        using var stolen = new HttpRequestMessage(HttpMethod.Post, "federation/v1/exchange/lookups") { Content = Bodies.Json(Lookup("AB123456C")) };
        stolen.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await asHmrc.SendAsync(stolen);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("federation.token_not_bound", Problem.Code(await Problem.ReadAsync(response, 401)));
        Assert.Equal(dwpBefore, await SizeAsync(_dwp));
    }

    [Fact]
    public async Task A_forwarded_request_without_a_valid_signature_of_the_calling_node_is_refused_and_audited()
    {
        using var leedsCertificate = _network.CertificateOf("leeds-council");
        using var asLeeds = FederationNetwork.RawClient(_dwp.FederationAddress, leedsCertificate);
        var token = await TokenAsync(asLeeds, "leeds-council");
        var body = Lookup("AB123456C");
        body["datasetId"] = "dwp-claimants";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var dwpBefore = await SizeAsync(_dwp);

        // No signed request at all.
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "federation/v1/exchange/lookups") { Content = new ByteArrayContent(bytes) };
        unsigned.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var unsignedResponse = await asLeeds.SendAsync(unsigned);
        Assert.Equal("federation.request_unsigned", Problem.Code(await Problem.ReadAsync(unsignedResponse, 400)));
        Assert.Equal(dwpBefore + 1, await SizeAsync(_dwp));
        Assert.Equal("federation.request_unsigned", (await EntryAsync(_dwp, dwpBefore)).ReasonCode);

        // Signed with another member's key (HMRC's), sent on Leeds's connection.
        using var hmrcCertificate = _network.CertificateOf("hmrc");
        using var hmrcKey = hmrcCertificate.GetECDsaPrivateKey()!;
        var forged = SignedExchangeMessage.Sign("request",
        [
            new("id", ExchangeEvidence.NewExchangeId()), new("from", "leeds-council"), new("to", "dwp"), new("client", "leeds-council-service"),
            new("action", "lookup"), new("time", SignedExchangeMessage.TimeText(_network.Time.GetUtcNow())), new("body", SignedExchangeMessage.BodyDigest(bytes)),
        ], hmrcKey, _network.Thumbprint("leeds-council"));
        using var forgedRequest = new HttpRequestMessage(HttpMethod.Post, "federation/v1/exchange/lookups") { Content = new ByteArrayContent(bytes) };
        forgedRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        forgedRequest.Content.Headers.TryAddWithoutValidation(FederatedExchangeForwarder.RequestHeader, Convert.ToBase64String(Encoding.ASCII.GetBytes(forged.Text)));
        using var forgedResponse = await asLeeds.SendAsync(forgedRequest);
        var text = await forgedResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, forgedResponse.StatusCode);
        Assert.Contains("federation.request_signature_invalid", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ann", text, StringComparison.Ordinal);
        var entry = await EntryAsync(_dwp, dwpBefore + 1);
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Equal(forged.Digest, entry.Evidence!.RequestDigest.ToArray());
    }

    [Fact]
    public async Task Records_never_leave_the_provider_except_as_the_shaped_answer()
    {
        using var service = await _leeds.AsAsync("leeds-council-service");
        await ExchangeFixture.ExpectAsync(service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("AB123456C"))), HttpStatusCode.OK);
        await ExchangeFixture.ExpectAsync(service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("CE987654D"))), HttpStatusCode.NotFound);

        // The consumer's node stores no record of the dataset, and no byte of its data directory holds a value the
        // agreement does not share (a family name, a full date of birth, a full postcode), nor the record filtered out.
        Assert.Null(await _leeds.Services.GetRequiredService<IRecordStore>().GetRecordAsync("dwp-claimants", "AB123456C|pension-credit", default));
        foreach (var file in Directory.EnumerateFiles(_leeds.DataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                bytes = copy.ToArray();
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var secret in new[] { "Quennell-Ravensworth", "1950-03-04", "LS1 4AP", "CE987654D", "LS6 2BB" })
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds '{secret}'");
            }
        }
    }

    private static JsonObject Lookup(string nino, string purpose = "benefit-eligibility")
    {
        var body = ExchangeFixture.Lookup("dsa-federated", nino, purpose);
        body["datasetId"] = Dataset;
        return body;
    }

    private static Task<long> SizeAsync(FederationNode node) => node.Services.GetRequiredService<IAuditLog>().GetSizeAsync(default);

    private static async Task<AuditEntry> EntryAsync(FederationNode node, long index) =>
        (await node.Services.GetRequiredService<IAuditLog>().GetEntryAsync(index, default))!.Entry;

    private static async Task<AuditEntry> LastAsync(FederationNode node) => await EntryAsync(node, await SizeAsync(node) - 1);

    private static async Task<string> TokenAsync(HttpClient client, string organisationId)
    {
        using var response = await client.PostAsync("federation/v1/oauth2/token", new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", organisationId)]));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }
}

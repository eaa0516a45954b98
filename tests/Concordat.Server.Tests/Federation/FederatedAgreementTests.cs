using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Federation;
using Concordat.Server.Federation;
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Federation;

/// <summary>
/// Agreements across nodes on a three-node loopback federation: Leeds City Council's steward drafts at Leeds's node an
/// agreement for a dataset DWP's node holds; DWP's steward and DPO approve at DWP's node; every node's public register
/// shows it as DWP's node signed it. HMRC's node is a third member; DVLA has a certificate from the federation's CA
/// but is not listed.
/// </summary>
public sealed class FederatedAgreementTests : IAsyncLifetime
{
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
        ]);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_draft_at_the_consumers_node_is_approved_at_the_providers_and_every_register_shows_it_signed()
    {
        var dwpBefore = await SizeAsync(_dwp);
        using var leedsSteward = await _leeds.AsAsync("leeds-council-steward");

        var drafted = await ExchangeFixture.ExpectAsync(leedsSteward.PostAsync("/api/v1/agreements", Bodies.Json(ExchangeFixture.Draft("dsa-cross"))), HttpStatusCode.Created);

        // Held, validated and submitted at the provider's node, in the consumer's client's name.
        Assert.Equal("submitted", drafted.GetProperty("status").GetString());
        Assert.Equal("dwp", drafted.GetProperty("terms").GetProperty("providerOrganisationId").GetString());
        using var dwpSteward = await _dwp.AsAsync("dwp-steward");
        var held = await ExchangeFixture.ExpectAsync(dwpSteward.GetAsync("/api/v1/agreements/dsa-cross"), HttpStatusCode.OK);
        Assert.Equal("submitted", held.GetProperty("status").GetString());
        Assert.Equal("leeds-council-steward", held.GetProperty("draftedBy").GetString());
        await ExchangeFixture.ExpectAsync(leedsSteward.GetAsync("/api/v1/agreements/dsa-cross"), HttpStatusCode.NotFound);

        // Both nodes audited the draft under one exchange id with the same digests of the signed messages.
        var consumerEntry = await EntryAsync(_leeds, drafted.GetProperty("auditIndex").GetInt64());
        Assert.Equal(FederatedExchangeForwarder.AgreementDraftAction, consumerEntry.Action);
        Assert.Equal(AuditOutcome.Permitted, consumerEntry.Outcome);
        Assert.Equal("dsa-cross", consumerEntry.AgreementId);
        Assert.Equal("dwp:dwp-claimants", consumerEntry.DatasetId);
        Assert.Equal(dwpBefore + 1, await SizeAsync(_dwp));
        var providerEntry = await EntryAsync(_dwp, dwpBefore);
        Assert.Equal(FederatedExchangeForwarder.AgreementDraftAction, providerEntry.Action);
        Assert.Equal("leeds-council", providerEntry.OrganisationId);
        Assert.Equal("leeds-council-steward", providerEntry.ClientId);
        Assert.Equal(consumerEntry.Evidence!.ExchangeId, providerEntry.Evidence!.ExchangeId);
        Assert.Equal(consumerEntry.Evidence.RequestDigest.ToArray(), providerEntry.Evidence.RequestDigest.ToArray());
        Assert.Equal(consumerEntry.Evidence.ResponseDigest!.Value.ToArray(), providerEntry.Evidence.ResponseDigest!.Value.ToArray());

        // The consumer cannot approve: its node does not hold the agreement, and at the provider's node approvers act for the provider.
        await ExchangeFixture.ExpectAsync(leedsSteward.PostAsync("/api/v1/agreements/dsa-cross/approve", Bodies.Json("""{"role":"steward","reason":"Mine."}""")), HttpStatusCode.NotFound);
        using var leedsStewardAtDwp = await _dwp.AsAsync("leeds-council-steward");
        await ExchangeFixture.ExpectAsync(leedsStewardAtDwp.PostAsync("/api/v1/agreements/dsa-cross/approve", Bodies.Json("""{"role":"steward","reason":"Mine."}""")), HttpStatusCode.Forbidden);

        // Not on any register until both approvals are given at the provider's node.
        await RefreshRegistersAsync();
        Assert.DoesNotContain("dwp:dsa-cross", await RegisterIdsAsync(_leeds));
        using var dwpDpo = await _dwp.AsAsync("dwp-dpo");
        await ExchangeFixture.ExpectAsync(dwpSteward.PostAsync("/api/v1/agreements/dsa-cross/approve", Bodies.Json("""{"role":"steward","reason":"Fields are the minimum."}""")), HttpStatusCode.OK);
        var approved = await ExchangeFixture.ExpectAsync(dwpDpo.PostAsync("/api/v1/agreements/dsa-cross/approve", Bodies.Json("""{"role":"dpo","reason":"Lawful under DEA Part 5."}""")), HttpStatusCode.OK);
        Assert.Equal("active", approved.GetProperty("status").GetString());

        await RefreshRegistersAsync();
        foreach (var node in new[] { _leeds, _hmrc })
        {
            Assert.Contains("dwp:dsa-cross", await RegisterIdsAsync(node));
            using var anonymous = node.Anonymous();
            var entry = await ExchangeFixture.ExpectAsync(anonymous.GetAsync("/api/v1/register/agreements/dwp%3Adsa-cross"), HttpStatusCode.OK);
            Assert.Equal("active", entry.GetProperty("status").GetString());
            Assert.Equal("leeds-council", entry.GetProperty("consumer").GetProperty("id").GetString());
            var odrl = await ExchangeFixture.ExpectAsync(anonymous.GetAsync(entry.GetProperty("odrlPolicy").GetString()), HttpStatusCode.OK);
            Assert.Equal("Agreement", odrl.GetProperty("@type").GetString());

            // Anyone can check the copy: the message covers the body, and DWP's listed certificate signed it.
            var signed = await ExchangeFixture.ExpectAsync(anonymous.GetAsync(entry.GetProperty("signedCopy").GetString()), HttpStatusCode.OK);
            var message = SignedExchangeMessage.Parse(signed.GetProperty("message").GetString(), "agreement").Value;
            Assert.Equal(SignedExchangeMessage.BodyDigest(Convert.FromBase64String(signed.GetProperty("body").GetString()!)), message["body"]);
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(signed.GetProperty("certificate").GetString()!));
            Assert.Equal(_network.Thumbprint("dwp"), CertificateThumbprint.Of(certificate));
            using var key = certificate.GetECDsaPublicKey()!;
            Assert.True(message.VerifiedBy(key));
        }

        // The consumer's service uses it through its own node; a suspension at the provider's node stops the next request
        // and reaches the other registers at their next refresh.
        using var service = await _leeds.AsAsync("leeds-council-service");
        var lookup = ExchangeFixture.Lookup("dsa-cross", "AB123456C");
        lookup["datasetId"] = "dwp:dwp-claimants";
        await ExchangeFixture.ExpectAsync(service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(lookup)), HttpStatusCode.OK);
        await ExchangeFixture.ExpectAsync(dwpSteward.PostAsync("/api/v1/agreements/dsa-cross/suspend", Bodies.Json("""{"reason":"Investigating a complaint."}""")), HttpStatusCode.OK);
        using var refused = await service.PostAsync("/api/v1/exchange/lookups", Bodies.Json(lookup));
        Assert.Equal("policy.agreement_suspended", Problem.Code(await Problem.ReadAsync(refused, 403)));
        await RefreshRegistersAsync();
        using var citizen = _leeds.Anonymous();
        var suspended = await ExchangeFixture.ExpectAsync(citizen.GetAsync("/api/v1/register/agreements?status=suspended"), HttpStatusCode.OK);
        Assert.Contains(suspended.EnumerateArray(), e => e.GetProperty("id").GetString() == "dwp:dsa-cross");
    }

    [Fact]
    public async Task A_draft_naming_a_dataset_the_provider_does_not_hold_gets_the_providers_validation_problem()
    {
        using var leedsSteward = await _leeds.AsAsync("leeds-council-steward");
        var body = ExchangeFixture.Draft("dsa-unknown");
        body["terms"]!["datasets"]![0]!["datasetId"] = "dwp-no-such-dataset";

        using var response = await leedsSteward.PostAsync("/api/v1/agreements", Bodies.Json(body));

        var problem = await Problem.ReadAsync(response, 400);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "agreement.unknown_dataset");
        Assert.EndsWith("datasetId", error.GetProperty("target").GetString(), StringComparison.Ordinal);
        var consumerEntry = await LastAsync(_leeds);
        Assert.Equal(AuditOutcome.Denied, consumerEntry.Outcome);
        Assert.Equal("agreement.unknown_dataset", consumerEntry.ReasonCode);
        Assert.NotNull(consumerEntry.Evidence!.ResponseDigest);
        var providerEntry = await LastAsync(_dwp);
        Assert.Equal("agreement.unknown_dataset", providerEntry.ReasonCode);
        Assert.Equal(consumerEntry.Evidence.ExchangeId, providerEntry.Evidence!.ExchangeId);
        using var dwpSteward = await _dwp.AsAsync("dwp-steward");
        await ExchangeFixture.ExpectAsync(dwpSteward.GetAsync("/api/v1/agreements/dsa-unknown"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_node_drafts_only_for_its_own_organisation_as_the_consumer()
    {
        // At the consumer's node: a client of another organisation cannot send a draft through it.
        using var hmrcAtLeeds = await _leeds.AsAsync("hmrc-steward");
        var asHmrc = ExchangeFixture.Draft("dsa-as-hmrc");
        asHmrc["terms"]!["consumerOrganisationId"] = "hmrc";
        asHmrc["terms"]!["contacts"]![1]!["organisationId"] = "hmrc";
        using var local = await hmrcAtLeeds.PostAsync("/api/v1/agreements", Bodies.Json(asHmrc));
        Assert.Equal("federation.not_consumer", Problem.Code(await Problem.ReadAsync(local, 403)));

        // At the provider's node: a member's node that sends a draft in another member's name is refused, and audited.
        var forwarder = _leeds.Services.GetRequiredService<FederatedExchangeForwarder>();
        var request = JsonSerializer.Deserialize<Concordat.Server.Api.Agreements.CreateAgreementRequest>(asHmrc.ToJsonString(), JsonOptionsOf(_leeds))!;
        var entry = forwarder.Entry(new Core.Exchange.ExchangeCaller("leeds-council-steward", "leeds-council", null), FederatedExchangeForwarder.AgreementDraftAction, "dsa-as-hmrc", "benefit-eligibility", "dwp:dwp-claimants", []);
        var result = await forwarder.ForwardAsync("dwp", FederatedExchangeForwarder.AgreementDraftAction, request, entry, default);
        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        var providerEntry = await LastAsync(_dwp);
        Assert.Equal("federation.not_consumer", providerEntry.ReasonCode);
        Assert.Equal("leeds-council", providerEntry.OrganisationId);
        using var dwpSteward = await _dwp.AsAsync("dwp-steward");
        await ExchangeFixture.ExpectAsync(dwpSteward.GetAsync("/api/v1/agreements/dsa-as-hmrc"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_node_not_in_the_configuration_cannot_submit_a_draft()
    {
        using var dvla = FederationNetwork.RawClient(_network.AddressOf("dwp"), _network.CertificateOf("dvla"));

        await Assert.ThrowsAsync<HttpRequestException>(() => dvla.PostAsync("federation/v1/agreements", Bodies.Json(ExchangeFixture.Draft("dsa-dvla"))));

        using var dwpSteward = await _dwp.AsAsync("dwp-steward");
        await ExchangeFixture.ExpectAsync(dwpSteward.GetAsync("/api/v1/agreements/dsa-dvla"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_tampered_unsigned_or_misattributed_register_copy_is_refused()
    {
        await ExchangeFixture.ActivateAsync(_dwp, "dsa-register");
        var register = _leeds.Services.GetRequiredService<FederatedRegister>();
        var genuine = await _dwp.Services.GetRequiredService<FederatedRegister>().SignedDocumentAsync(default);
        Assert.True(register.Accept("dwp", genuine).IsSuccess);
        Assert.NotNull(register.Find("dwp:dsa-register"));

        // One changed byte of a signed entry's body: the retention shown differs from what DWP's node signed.
        var tampered = Mutate(genuine, item =>
        {
            var body = JsonNode.Parse(Convert.FromBase64String(item["body"]!.GetValue<string>()))!;
            body["entry"]!["retentionDays"] = 3650;
            item["body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(body.ToJsonString()));
        });
        // The message re-made to match the changed body, but signed by no one DWP's certificate vouches for.
        var unsigned = Mutate(genuine, item => item.Remove("message"));
        // DWP's entries exactly, re-signed by HMRC's node (a member, but not the provider) and sent with its certificate.
        using var hmrc = _network.CertificateOf("hmrc");
        using var hmrcKey = hmrc.GetECDsaPrivateKey()!;
        var resigned = JsonNode.Parse(genuine)!;
        resigned["certificate"] = Convert.ToBase64String(hmrc.RawData);
        var original = SignedExchangeMessage.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(resigned["entries"]![0]!["message"]!.GetValue<string>())), "agreement").Value;
        var forged = SignedExchangeMessage.Sign("agreement", [.. SignedExchangeMessage.AgreementMembers.Select(m => new KeyValuePair<string, string>(m, original[m]))], hmrcKey, CertificateThumbprint.Of(hmrc));
        resigned["entries"]![0]!["message"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(forged.Text));
        var misattributed = Encoding.UTF8.GetBytes(resigned.ToJsonString());

        foreach (var bad in new[] { tampered, unsigned, misattributed })
        {
            var refused = register.Accept("dwp", bad);
            Assert.False(refused.IsSuccess);
            Assert.Equal("federation.register_refused", refused.Errors[0].Code);
        }

        // The last copy that verified stays, unchanged.
        var kept = register.Find("dwp:dsa-register")!;
        Assert.Equal(90, JsonNode.Parse(kept.EntryJson)!["retentionDays"]!.GetValue<int>());

        // A copy changed on disk is refused when the node loads it again.
        var path = Path.Combine(_leeds.DataDirectory, "federation", "register", "dwp.json");
        await File.WriteAllBytesAsync(path, tampered);
        register.LoadKept();
        Assert.Null(register.Find("dwp:dsa-register"));
        Assert.DoesNotContain("dwp:dsa-register", await RegisterIdsAsync(_leeds));
    }

    private static byte[] Mutate(byte[] document, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(document)!;
        change(root["entries"]![0]!.AsObject());
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private async Task RefreshRegistersAsync()
    {
        foreach (var node in new[] { _dwp, _leeds, _hmrc })
        {
            var outcomes = await node.Services.GetRequiredService<FederatedRegister>().RefreshAsync(default);
            Assert.All(outcomes, o => Assert.True(o.Value.IsSuccess, o.Key + ": " + (o.Value.IsSuccess ? "" : o.Value.Errors[0].Message)));
        }
    }

    private static async Task<List<string?>> RegisterIdsAsync(FederationNode node)
    {
        using var anonymous = node.Anonymous();
        var list = await ExchangeFixture.ExpectAsync(anonymous.GetAsync("/api/v1/register/agreements"), HttpStatusCode.OK);
        return list.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
    }

    private static JsonSerializerOptions JsonOptionsOf(FederationNode node) =>
        node.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    private static Task<long> SizeAsync(FederationNode node) => node.Services.GetRequiredService<IAuditLog>().GetSizeAsync(default);

    private static async Task<AuditEntry> EntryAsync(FederationNode node, long index) =>
        (await node.Services.GetRequiredService<IAuditLog>().GetEntryAsync(index, default))!.Entry;

    private static async Task<AuditEntry> LastAsync(FederationNode node) => await EntryAsync(node, await SizeAsync(node) - 1);
}

using System.Net;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Server.Api.Audit;
using Concordat.Server.Auth;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Api;

public sealed class AuditApiTests : IClassFixture<ConcordatHost>
{
    private readonly ConcordatHost _host;

    public AuditApiTests(ConcordatHost host)
    {
        _host = host;
        _host.EnsureStarted();
    }

    [Fact]
    public async Task Recorded_accesses_are_proved_by_signed_checkpoints_and_the_export_verifies_offline()
    {
        var trail = _host.Services.GetRequiredService<AuditTrail>();
        var caller = new CallerContext("dwp-service", "dwp", ClientRole.Consumer);
        var subject = trail.SubjectKey(IdentifierKind.Nino, "AB 12 34 56 C").Value;
        var receipts = new List<AuditReceipt>();
        for (var i = 0; i < 12; i++)
        {
            var outcome = i % 4 == 3 ? AuditOutcome.Denied : AuditOutcome.Permitted;
            receipts.Add(await trail.RecordAsync(new DefaultHttpContext(), caller, new AuditAccess(
                "lookup", "Pension Credit entitlement", "agr-1", "hmrc-taxpayers", ["nino", "familyName"], outcome,
                outcome == AuditOutcome.Denied ? "agreement.not_active" : null, [subject]), CancellationToken.None));
        }

        using var admin = await _host.AsAsync("hub-admin");
        var first = JsonNode.Parse(await (await admin.PostAsync("/api/v1/audit/checkpoints", null)).Content.ReadAsStringAsync())!;
        var firstSize = (long)first["treeSize"]!;
        Assert.True(firstSize >= 12);

        await trail.RecordAsync(new DefaultHttpContext(), caller, new AuditAccess("extract", "Fraud check", null, "hmrc-taxpayers", ["nino"], AuditOutcome.Denied, "agreement.none", [subject]), CancellationToken.None);
        var second = JsonNode.Parse(await admin.GetStringAsync("/api/v1/audit/checkpoints/latest"))!;
        Assert.Equal(firstSize, (long)second["treeSize"]!);
        second = JsonNode.Parse(await (await admin.PostAsync("/api/v1/audit/checkpoints", null)).Content.ReadAsStringAsync())!;
        var secondSize = (long)second["treeSize"]!;
        Assert.Equal(firstSize + 1, secondSize);

        // The public key is anonymous and verifies both checkpoints' signatures.
        using var anonymous = _host.Anonymous();
        using var keyResponse = await anonymous.GetAsync(AuditEndpoints.KeyPath);
        Assert.Equal(HttpStatusCode.OK, keyResponse.StatusCode);
        using var key = AuditPublicKey.FromJwk(await keyResponse.Content.ReadAsStringAsync()).Value;
        var firstCheckpoint = AuditExportFormat.ReadCheckpoint(System.Text.Encoding.UTF8.GetBytes(first.ToJsonString().Replace(",\"note\":" + first["note"]!.ToJsonString(), "", StringComparison.Ordinal))).Value;
        Assert.True(key.Verify(firstCheckpoint));
        Assert.Equal(first["note"]!.GetValue<string>(), firstCheckpoint.Body());

        // Inclusion of a recorded entry in the first checkpoint, and consistency of the two.
        var index = receipts[5].Index;
        var inclusion = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/audit/proofs/inclusion?index={index}&treeSize={firstSize}"))!;
        Assert.True(MerkleProofs.VerifyInclusion(index, firstSize, receipts[5].LeafHash, Hashes(inclusion), firstCheckpoint.RootHash));
        var consistency = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/audit/proofs/consistency?from={firstSize}&to={secondSize}"))!;
        Assert.True(MerkleProofs.VerifyConsistency(firstSize, secondSize, Hashes(consistency), firstCheckpoint.RootHash, Convert.FromBase64String(second["rootHash"]!.GetValue<string>())));

        // The entry reads back, names the subject by key only, and the subject finds it.
        var entry = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/audit/entries/{index}"))!;
        Assert.Equal("dwp", (string)entry["organisationId"]!);
        Assert.Equal(subject.ToString(), (string)entry["subjectKeys"]![0]!);
        Assert.DoesNotContain("AB123456C", entry.ToJsonString(), StringComparison.Ordinal);
        var found = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/audit/entries?subjectKey={subject}&limit=1000"))!;
        Assert.Equal(13, found["items"]!.AsArray().Count);
        Assert.Equal(3, found["items"]!.AsArray().Count(e => (string)e!["outcome"]! == "denied" && (string?)e["reasonCode"] == "agreement.not_active"));

        // The export verifies with the public key alone.
        await using var export = await admin.GetStreamAsync("/api/v1/audit/export");
        var result = await new AuditLogVerifier(key).VerifyAsync(export, CancellationToken.None);
        Assert.True(result.IsValid, result.Problem?.Message);
        Assert.True(result.Entries >= secondSize);
    }

    [Fact]
    public async Task Bad_proof_requests_get_problems_and_consumers_get_403()
    {
        using var admin = await _host.AsAsync("hub-admin");
        Assert.Equal("audit.proof_parameters", Problem.Code(await Problem.ReadAsync(await admin.GetAsync("/api/v1/audit/proofs/inclusion?index=0"), 400)));
        Assert.Equal("audit.invalid_tree_size", Problem.Code(await Problem.ReadAsync(await admin.GetAsync("/api/v1/audit/proofs/inclusion?index=0&treeSize=999999999"), 400)));
        Assert.Equal("audit.invalid_tree_size", Problem.Code(await Problem.ReadAsync(await admin.GetAsync("/api/v1/audit/proofs/consistency?from=999999998&to=999999999"), 400)));
        Assert.Equal("audit.invalid_subject_key", Problem.Code(await Problem.ReadAsync(await admin.GetAsync("/api/v1/audit/entries?subjectKey=AB123456C"), 400)));
        Assert.Equal("audit.entry_not_found", Problem.Code(await Problem.ReadAsync(await admin.GetAsync("/api/v1/audit/entries/999999999"), 404)));

        using var consumer = await _host.AsAsync("dwp-service");
        await Problem.ReadAsync(await consumer.GetAsync("/api/v1/audit/export"), 403);
        using var steward = await _host.AsAsync("dwp-steward");
        await Problem.ReadAsync(await steward.GetAsync("/api/v1/audit/checkpoints"), 403);
    }

    [Fact]
    public async Task Data_protection_officer_reads_the_audit_log()
    {
        using var dpo = await _host.AsAsync("hmrc-dpo");
        using var response = await dpo.GetAsync("/api/v1/audit/checkpoints");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Proofs_are_given_only_between_signed_sizes_and_never_for_an_empty_or_equal_range()
    {
        var trail = _host.Services.GetRequiredService<AuditTrail>();
        var caller = new CallerContext("dwp-service", "dwp", ClientRole.Consumer);
        async Task RecordAsync() => await trail.RecordAsync(new DefaultHttpContext(), caller, new AuditAccess(
            "lookup", "Fraud check", null, "hmrc-taxpayers", ["nino"], AuditOutcome.Denied, "agreement.none", []), CancellationToken.None);
        using var admin = await _host.AsAsync("hub-admin");
        async Task<long> SignAsync() => (long)JsonNode.Parse(await (await admin.PostAsync("/api/v1/audit/checkpoints", null)).Content.ReadAsStringAsync())!["treeSize"]!;

        await RecordAsync();
        var older = await SignAsync();
        await RecordAsync();
        await RecordAsync();
        var newer = await SignAsync();
        await RecordAsync();
        var unsigned = newer + 1;
        Assert.True(older < newer);

        // RFC 9162 2.1.4: a proof is defined for 0 < from < to; from=0 and from=to are refused, not answered with an empty proof.
        foreach (var query in new[] { $"from=0&to={newer}", $"from={newer}&to={newer}", $"from={newer}&to={older}", $"from=-1&to={newer}" })
        {
            var problem = await Problem.ReadAsync(await admin.GetAsync($"/api/v1/audit/proofs/consistency?{query}"), 400);
            Assert.Equal("audit.invalid_consistency_range", Problem.Code(problem));
        }

        Assert.Equal("audit.unsigned_tree_size", Problem.Code(await Problem.ReadAsync(await admin.GetAsync($"/api/v1/audit/proofs/consistency?from={older}&to={unsigned}"), 400)));
        Assert.Equal("audit.unsigned_tree_size", Problem.Code(await Problem.ReadAsync(await admin.GetAsync($"/api/v1/audit/proofs/inclusion?index=0&treeSize={unsigned}"), 400)));
        var proof = JsonNode.Parse(await admin.GetStringAsync($"/api/v1/audit/proofs/consistency?from={older}&to={newer}"))!;
        Assert.NotEmpty(proof["hashes"]!.AsArray());
    }

    [Fact]
    public async Task The_latest_checkpoint_saved_as_served_reads_back_as_a_trusted_checkpoint_and_its_time_is_the_notes()
    {
        using var admin = await _host.AsAsync("hub-admin");
        await admin.PostAsync("/api/v1/audit/checkpoints", null);
        var saved = await admin.GetByteArrayAsync("/api/v1/audit/checkpoints/latest");

        var parsed = AuditExportFormat.ReadCheckpoint(saved);
        Assert.True(parsed.IsSuccess, parsed.IsSuccess ? null : parsed.Errors[0].Message);
        using var anonymous = _host.Anonymous();
        using var key = AuditPublicKey.FromJwk(await anonymous.GetStringAsync(AuditEndpoints.KeyPath)).Value;
        Assert.True(key.Verify(parsed.Value));
        var json = JsonNode.Parse(saved)!;
        var note = json["note"]!.GetValue<string>();
        Assert.Equal("time " + json["time"]!.GetValue<string>(), note.Split('\n')[3]);

        // A note that says something else than the members is refused, not ignored.
        json["note"] = note.Replace("\n0\n", "\n1\n", StringComparison.Ordinal).Replace(json["rootHash"]!.GetValue<string>(), Convert.ToBase64String(new byte[32]), StringComparison.Ordinal);
        Assert.False(AuditExportFormat.ReadCheckpoint(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())).IsSuccess);
    }

    private static List<byte[]> Hashes(JsonNode proof) => proof["hashes"]!.AsArray().Select(h => Convert.FromBase64String(h!.GetValue<string>())).ToList();
}

using System.Net;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Api;

/// <summary>
/// Records, persons, the review queue and quarantined rows are people's data: every API read of them by a steward or an
/// administrator is one audit entry, permitted or refused, like an exchange request (DESIGN.md, "What is audited").
/// </summary>
public sealed class StaffDataReadAuditTests : IClassFixture<ConcordatHost>
{
    private readonly ConcordatHost _host;

    public StaffDataReadAuditTests(ConcordatHost host) => _host = host;

    [Fact]
    public async Task A_stewards_record_reads_are_audited_with_their_dataset_and_a_refused_read_too()
    {
        using var steward = await _host.AsAsync("hmrc-steward");
        var before = await SizeAsync();
        using (var list = await steward.GetAsync("/api/v1/datasets/hmrc-taxpayers/records?limit=2"))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }

        var listed = Assert.Single(await EntriesSinceAsync(before));
        Assert.Equal(("record-list", "hmrc", "hmrc-taxpayers", AuditOutcome.Permitted), (listed.Action, listed.OrganisationId, listed.DatasetId, listed.Outcome));
        Assert.Equal("hmrc-steward", listed.ClientId);

        before = await SizeAsync();
        using (var history = await steward.PostAsync("/api/v1/datasets/hmrc-taxpayers/records/history", Bodies.Json(new JsonObject { ["key"] = "no-such-record" })))
        {
            Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        }

        var refused = Assert.Single(await EntriesSinceAsync(before));
        Assert.Equal(("record-history", AuditOutcome.Denied, "record.not_found"), (refused.Action, refused.Outcome, refused.ReasonCode));

        // Another organisation's dataset: refused as missing, and audited as that attempt.
        before = await SizeAsync();
        using (var other = await steward.PostAsync("/api/v1/datasets/dwp-claimants/records/lookup", Bodies.Json(new JsonObject { ["key"] = "x" })))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        var attempt = Assert.Single(await EntriesSinceAsync(before));
        Assert.Equal(("record-read", AuditOutcome.Denied), (attempt.Action, attempt.Outcome));
    }

    [Fact]
    public async Task An_administrators_person_and_review_reads_are_audited()
    {
        using var admin = await _host.AsAsync("hub-admin");
        var before = await SizeAsync();
        using (var persons = await admin.GetAsync("/api/v1/persons?limit=1"))
        {
            Assert.Equal(HttpStatusCode.OK, persons.StatusCode);
        }

        using (var person = await admin.GetAsync("/api/v1/persons/nobody"))
        {
            Assert.Equal(HttpStatusCode.NotFound, person.StatusCode);
        }

        using (var reviews = await admin.GetAsync("/api/v1/linkage/reviews"))
        {
            Assert.Equal(HttpStatusCode.OK, reviews.StatusCode);
        }

        var entries = await EntriesSinceAsync(before);
        Assert.Equal(["person-list", "person-read", "review-list"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("hub-admin", e.ClientId));
        Assert.Equal([AuditOutcome.Permitted, AuditOutcome.Denied, AuditOutcome.Permitted], entries.Select(e => e.Outcome));
    }

    private Task<long> SizeAsync() => _host.Services.GetRequiredService<IAuditLog>().GetSizeAsync(default);

    private async Task<IReadOnlyList<AuditEntry>> EntriesSinceAsync(long from) =>
        (await _host.Services.GetRequiredService<IAuditLog>().ListEntriesAsync(from, 1_000, default)).Select(e => e.Entry).ToList();
}

using Concordat.Core.Audit;
using Concordat.Storage.Tests.Contracts;

namespace Concordat.Storage.Tests.Audit;

/// <summary>The impact counts over a real audit log: every entry counted once, however often and whenever they are read.</summary>
public sealed class AccessTallyTests : IAsyncLifetime
{
    private TestStores _stores = default!;

    public Task InitializeAsync()
    {
        _stores = SqliteStores.Open(null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [Fact]
    public async Task Counts_grow_with_the_log_and_never_count_an_entry_twice()
    {
        var log = _stores.Get<IAuditLog>();
        var tally = _stores.Get<AccessTally>();
        Assert.Empty(await tally.CountsAsync(default));

        await log.AppendAsync(Entry("lookup", AuditOutcome.Permitted, null, 11, 30), default);
        await log.AppendAsync(Entry("lookup", AuditOutcome.Permitted, null, 11, 30), default);
        await log.AppendAsync(Entry("verify", AuditOutcome.Denied, "policy.agreement_suspended", 12, 1), default);
        var first = await tally.CountsAsync(default);
        Assert.Equal(2, first[new AccessCountKey("agr-1", "leeds", "dwp-claimants", new DateOnly(2026, 11, 1), "lookup", AuditOutcome.Permitted, null)]);
        Assert.Equal(1, first[new AccessCountKey("agr-1", "leeds", "dwp-claimants", new DateOnly(2026, 12, 1), "verify", AuditOutcome.Denied, "policy.agreement_suspended")]);

        // Read again with no new entries, then after one more: only the new entry is added.
        Assert.Equal(first, await tally.CountsAsync(default));
        await log.AppendAsync(Entry("lookup", AuditOutcome.Permitted, null, 11, 2), default);
        var second = await tally.CountsAsync(default);
        Assert.Equal(3, second[new AccessCountKey("agr-1", "leeds", "dwp-claimants", new DateOnly(2026, 11, 1), "lookup", AuditOutcome.Permitted, null)]);
        Assert.Equal(4, second.Values.Sum());
    }

    private static AuditEntry Entry(string action, AuditOutcome outcome, string? reason, int month, int day) => new()
    {
        Time = new DateTimeOffset(2026, month, day, 23, 59, 0, TimeSpan.Zero),
        ClientId = "leeds-service",
        OrganisationId = "leeds",
        AgreementId = "agr-1",
        Purpose = "benefit-eligibility",
        Action = action,
        DatasetId = "dwp-claimants",
        Outcome = outcome,
        ReasonCode = reason,
    };
}

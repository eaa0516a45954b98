using System.Net;
using System.Text.Json;
using Concordat.Core.Audit;
using Concordat.Server.Tests.Api.Exchange;
using Concordat.Server.Tests.Api.Subscriptions;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Server.Tests.Reliability;

/// <summary>
/// Issue 13 item 6, the clock jumping back: the hub's clock steps back an hour between audited look-ups and checkpoint
/// signings. Nothing fails with a 5xx, every look-up still gets exactly one entry, checkpoints keep signing larger trees,
/// and the whole log still verifies offline.
/// </summary>
public sealed class ClockJumpTests : IAsyncLifetime
{
    private readonly JumpingClock _clock = new();
    private readonly ClockHost _host;

    public ClockJumpTests() => _host = new ClockHost(_clock);

    public Task InitializeAsync()
    {
        SubscriptionFixture.Seed(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Clock_stepping_back_keeps_every_entry_and_the_log_verifies()
    {
        await ExchangeFixture.ActivateAsync(_host, "clock-jump");
        var consumer = await _host.AsAsync(SubscriptionFixture.Consumer);
        var admin = await _host.AsAsync("hub-admin");
        var audit = _host.Services.GetRequiredService<IAuditLog>();
        var indexes = new List<long>();
        long lastSigned = 0;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                var answer = await ExchangeFixture.ExpectAsync(consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(ExchangeFixture.Lookup("clock-jump", "AB123456C"))), HttpStatusCode.OK);
                indexes.Add(answer.GetProperty("auditIndex").GetInt64());
            }

            var signed = await ExchangeFixture.ExpectAsync(admin.PostAsync("/api/v1/audit/checkpoints", null), HttpStatusCode.OK);
            var size = signed.GetProperty("treeSize").GetInt64();
            Assert.True(size > lastSigned, $"round {round}: signed {size} after {lastSigned}");
            lastSigned = size;

            // Back an hour. A token issued before the step is now not yet valid: a clear 401 (and a security event,
            // not an entry), and a token issued on the new time works.
            _clock.Jump(TimeSpan.FromHours(-1));
            var refused = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(ExchangeFixture.Lookup("clock-jump", "AB123456C"))), 401);
            Assert.Equal("auth.unauthenticated", Problem.Code(refused));
            consumer.Dispose();
            admin.Dispose();
            consumer = await _host.AsAsync(SubscriptionFixture.Consumer);
            admin = await _host.AsAsync("hub-admin");
        }

        Assert.Equal(indexes.Count, indexes.Distinct().Count());
        foreach (var index in indexes)
        {
            Assert.Equal("lookup", (await audit.GetEntryAsync(index, default))!.Entry.Action);
        }

        using var key = AuditPublicKey.FromJwk(await _host.Anonymous().GetStringAsync("/.well-known/audit-key.json")).Value;
        await using var export = await admin.GetStreamAsync("/api/v1/audit/export");
        var verification = await new AuditLogVerifier(key).VerifyAsync(export, CancellationToken.None);
        Assert.True(verification.IsValid, verification.Problem?.Message);
        Assert.Equal(0, verification.UncoveredEntries);
        consumer.Dispose();
        admin.Dispose();
    }

    private sealed class ClockHost(TimeProvider clock) : ConcordatHost([], clock);
}

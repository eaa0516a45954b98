using System.Net;
using Concordat.Server.Tests.Infrastructure;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>An agreement stops permitting at its end date on the hub's clock, with no job needing to run.</summary>
public sealed class AgreementExpiryTests : IClassFixture<ExchangeFixture>
{
    private readonly ExchangeFixture _fx;

    public AgreementExpiryTests(ExchangeFixture fixture) => _fx = fixture;

    [Fact]
    public async Task Expired_agreement_denies_lookup()
    {
        var agreement = await _fx.ActiveAgreementAsync(
            "expiring",
            terms => terms["endDate"] = Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        using (var before = await _fx.Host.AsAsync("leeds-council-service"))
        {
            await ExpectAsync(before.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), HttpStatusCode.OK);
        }

        // Two days, not more: every hosted timer on the fake clock fires once per period crossed.
        _fx.Host.Clock.Advance(TimeSpan.FromDays(2));
        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        var problem = await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup(agreement, "AB123456C"))), 403);
        Assert.Equal("policy.agreement_expired", Problem.Code(problem));
        var audit = await _fx.LastAuditAsync();
        Assert.Equal("policy.agreement_expired", audit.Entry.ReasonCode);
    }
}

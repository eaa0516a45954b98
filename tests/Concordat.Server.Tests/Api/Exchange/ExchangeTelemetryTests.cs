using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Concordat.Server.Hosting;
using Concordat.Server.Tests.Infrastructure;
using static Concordat.Server.Tests.Api.Exchange.ExchangeFixture;

namespace Concordat.Server.Tests.Api.Exchange;

/// <summary>Exchange requests leave a span and a counted outcome, with codes but no personal data.</summary>
public sealed class ExchangeTelemetryTests : IClassFixture<ExchangeFixture>
{
    private readonly ExchangeFixture _fx;

    public ExchangeTelemetryTests(ExchangeFixture fixture) => _fx = fixture;

    [Fact]
    public async Task Lookup_emits_a_span_and_a_counted_outcome_without_the_identifier()
    {
        var spans = new ConcurrentBag<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConcordatTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activities);
        var counted = new ConcurrentBag<(string Action, string Outcome)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ConcordatTelemetry.Name && instrument.Name == "concordat.exchange.requests")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var values = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            counted.Add((values["concordat.action"]!, values["concordat.outcome"]!));
        });
        meters.Start();

        using var consumer = await _fx.Host.AsAsync("leeds-council-service");
        await Problem.ReadAsync(await consumer.PostAsync("/api/v1/exchange/lookups", Bodies.Json(Lookup("telemetry-unknown-agreement", "AB123456C"))), 403);

        var span = Assert.Single(spans, s => (string?)s.GetTagItem("concordat.agreement") == "telemetry-unknown-agreement");
        Assert.Equal("exchange.lookup", span.OperationName);
        Assert.Equal("policy.no_agreement", span.GetTagItem("concordat.outcome"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("AB123456C", StringComparison.Ordinal) == true);
        Assert.Contains(("lookup", "policy.no_agreement"), counted);
    }
}

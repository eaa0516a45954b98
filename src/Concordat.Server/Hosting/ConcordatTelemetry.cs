using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Concordat.Server.Hosting;

/// <summary>
/// The hub's traces and metrics (OpenTelemetry). Spans and measurements carry agreement, dataset, action and outcome
/// codes, never identifiers, names or record values. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set;
/// otherwise metrics and the hub's own spans are available to in-process listeners only, and no request spans are built.
/// </summary>
public static class ConcordatTelemetry
{
    /// <summary>The name of the hub's activity source and meter.</summary>
    public const string Name = "Concordat.Server";

    /// <summary>Spans for exchange requests.</summary>
    public static ActivitySource Source { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Exchange requests by action and outcome (<c>permitted</c> or the refusal code).</summary>
    public static Counter<long> ExchangeRequests { get; } = Meter.CreateCounter<long>(
        "concordat.exchange.requests", unit: "{request}", description: "Exchange requests by action and outcome.");

    /// <summary>Time to decide, shape and audit an exchange request.</summary>
    public static Histogram<double> ExchangeDuration { get; } = Meter.CreateHistogram<double>(
        "concordat.exchange.duration", unit: "ms", description: "Time to decide, shape and audit an exchange request.");

    /// <summary>Connections and requests the federation listener refused, by code.</summary>
    public static Counter<long> FederationRefusals { get; } = Meter.CreateCounter<long>(
        "concordat.federation.refusals", unit: "{refusal}", description: "Federation connections and requests refused, by code.");

    /// <summary>Registers OpenTelemetry tracing and metrics for the hub.</summary>
    public static IServiceCollection AddConcordatTelemetry(this IServiceCollection services)
    {
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("concordat-hub"));
        if (otlp)
        {
            // Spans are built only when they have somewhere to go: without an exporter the SDK would still create and
            // sample a span for every request, which measured about 5% of an exchange look-up on two cores.
            telemetry.WithTracing(tracing => tracing
                .AddSource(Name)
                .AddAspNetCoreInstrumentation(options =>
                    // Paths can hold identifiers (a record key is often a NINO): spans get the route template only.
                    options.EnrichWithHttpRequest = (activity, request) => activity.SetTag("url.path", null))
                .AddOtlpExporter());
        }

        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(Name).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        return services;
    }

    /// <summary>Times and counts one exchange request; dispose when the answer is known, after setting <see cref="ExchangeMeasure.Outcome"/>.</summary>
    public static ExchangeMeasure Measure(string action) => new(action, Source.StartActivity("exchange." + action));
}

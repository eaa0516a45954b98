using System.Diagnostics;

namespace Concordat.Server.Hosting;

/// <summary>One exchange request's span, count and duration. Not thread safe; one per request.</summary>
public sealed class ExchangeMeasure : IDisposable
{
    private readonly string _action;
    private readonly Activity? _activity;
    private readonly long _started = Stopwatch.GetTimestamp();

    internal ExchangeMeasure(string action, Activity? activity)
    {
        _action = action;
        _activity = activity;
    }

    /// <summary><c>permitted</c>, or the refusal's error code; <c>error</c> if never set.</summary>
    public string Outcome { get; set; } = "error";

    /// <summary>Tags the span with the agreement and dataset named by the request (not personal data).</summary>
    public void Describe(string? agreementId, string? datasetId)
    {
        _activity?.SetTag("concordat.agreement", agreementId);
        _activity?.SetTag("concordat.dataset", datasetId);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var tags = new TagList { { "concordat.action", _action }, { "concordat.outcome", Outcome } };
        ConcordatTelemetry.ExchangeRequests.Add(1, tags);
        ConcordatTelemetry.ExchangeDuration.Record(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, tags);
        _activity?.SetTag("concordat.outcome", Outcome);
        if (Outcome != "permitted")
        {
            _activity?.SetStatus(ActivityStatusCode.Error, Outcome);
        }

        _activity?.Dispose();
    }
}

namespace Concordat.Server.Api.Subscriptions;

/// <summary>Webhook delivery settings, bound from <c>Concordat:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Concordat:Webhooks";

    /// <summary>
    /// Accept plain http callbacks to loopback and let deliveries connect to loopback. Development and tests only:
    /// in production every callback is https to a public address.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>The wait after the first failed attempt, doubled after each further one (half of it jittered).</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts in all before a delivery is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one attempt may take, connection included (Standard Webhooks suggests 15 to 30 seconds).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most receivers posted to at once; each subscription's notifications still go one at a time, in order.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>How often the outbox is looked at for retries that fell due (new notifications wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

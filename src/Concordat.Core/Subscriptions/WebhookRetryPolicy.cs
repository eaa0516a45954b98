namespace Concordat.Core.Subscriptions;

/// <summary>
/// When a failed delivery is tried again: exponential backoff from <see cref="BaseDelay"/>, capped at
/// <see cref="MaxDelay"/>, with "equal jitter" (half the delay fixed, half random) so receivers recovering from an
/// outage are not hit by every hub retry at once. Pure.
/// </summary>
/// <param name="BaseDelay">The delay after the first failed attempt, before jitter.</param>
/// <param name="MaxDelay">The longest delay, before jitter.</param>
/// <param name="MaxAttempts">Attempts in all, the first included; after the last the delivery fails.</param>
public sealed record WebhookRetryPolicy(TimeSpan BaseDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    /// <summary>The defaults: 30 s doubling to at most 1 h, 8 attempts (about 2 hours in all).</summary>
    public static WebhookRetryPolicy Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), 8);

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1 for the first).</summary>
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="jitter">A uniform random number in [0, 1).</param>
    public TimeSpan DelayAfter(int attempt, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (jitter is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "Jitter is in [0, 1).");
        }

        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * (double)(1L << exponent));
        return TimeSpan.FromTicks((long)((ticks / 2) + (ticks / 2 * jitter)));
    }
}

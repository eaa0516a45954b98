namespace Concordat.Server.Tests.Reliability;

/// <summary>The system clock plus an offset a test can move either way, as a host whose clock is stepped back by NTP or an operator.</summary>
public sealed class JumpingClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock by <paramref name="by"/> (negative: back).</summary>
    public void Jump(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

using Concordat.Core.Subscriptions;

namespace Concordat.Core.Tests.Subscriptions;

public sealed class WebhookRetryPolicyTests
{
    private static readonly WebhookRetryPolicy Policy = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), 8);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(5, 160)]
    [InlineData(6, 300)]
    [InlineData(20, 300)]
    public void Delay_doubles_up_to_the_cap_with_half_of_it_jittered(int attempt, int fullSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(fullSeconds / 2.0), Policy.DelayAfter(attempt, 0));
        var top = Policy.DelayAfter(attempt, 0.999999);
        Assert.True(top <= TimeSpan.FromSeconds(fullSeconds) && top > TimeSpan.FromSeconds(fullSeconds * 0.99), $"{top}");
    }

    [Fact]
    public void Jitter_spreads_retries()
    {
        Assert.NotEqual(Policy.DelayAfter(3, 0.1), Policy.DelayAfter(3, 0.9));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, -0.1)]
    [InlineData(1, 1.0)]
    public void Out_of_range_arguments_throw(int attempt, double jitter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.DelayAfter(attempt, jitter));
    }
}

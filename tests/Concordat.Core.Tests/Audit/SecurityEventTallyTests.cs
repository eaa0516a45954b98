using System.Net;
using Concordat.Core.Audit;

namespace Concordat.Core.Tests.Audit;

public sealed class SecurityEventTallyTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 21, 42, TimeSpan.Zero);

    [Fact]
    public void Requests_of_one_caller_in_one_minute_are_one_event()
    {
        var tally = new SecurityEventTally();
        for (var i = 0; i < 1000; i++)
        {
            tally.Count(SecurityEventKind.Unauthenticated, "address:203.0.113.9", null, At.AddMilliseconds(i));
        }

        tally.Count(SecurityEventKind.Unauthenticated, "address:203.0.113.9", null, At.AddMinutes(1));

        Assert.Empty(tally.Drain(SecurityEventTally.Start(At)));
        var first = Assert.Single(tally.Drain(SecurityEventTally.Start(At.AddMinutes(1))));
        Assert.Equal((new DateTimeOffset(2026, 12, 7, 10, 21, 0, TimeSpan.Zero), 1000L), (first.WindowStart, first.Count));
        Assert.Equal(1, Assert.Single(tally.Drain(DateTimeOffset.MaxValue)).Count);
    }

    [Fact]
    public void A_window_keeps_a_bounded_number_of_callers_and_counts_the_rest_as_other()
    {
        var tally = new SecurityEventTally();
        for (var i = 0; i < 10_000; i++)
        {
            tally.Count(SecurityEventKind.Unauthenticated, $"address:10.0.{i / 256}.{i % 256}", null, At);
        }

        var events = tally.Drain(DateTimeOffset.MaxValue);

        Assert.Equal(SecurityEventTally.MaxPartitionsPerWindow + 1, events.Count);
        Assert.Equal(10_000, events.Sum(e => e.Count));
        Assert.Equal(10_000 - SecurityEventTally.MaxPartitionsPerWindow, events.Single(e => e.Partition == SecurityEventTally.Overflow).Count);
    }

    [Theory]
    [InlineData("203.0.113.9", "address:203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "address:203.0.113.9")]
    [InlineData("2001:db8:1:2:3:4:5:6", "address:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:4:5:6", "address:2001:db8:1:2::/64")]
    public void Addresses_are_partitioned_by_host_or_ipv6_network(string address, string partition) =>
        Assert.Equal(partition, SecurityEventTally.AddressPartition(IPAddress.Parse(address)));

    [Fact]
    public void Counts_that_could_not_be_written_are_put_back()
    {
        var tally = new SecurityEventTally();
        tally.Count(SecurityEventKind.RateLimited, "client:leeds-council-service", "leeds-council", At);
        var drained = tally.Drain(DateTimeOffset.MaxValue);
        tally.Restore(drained[0]);
        tally.Count(SecurityEventKind.RateLimited, "client:leeds-council-service", "leeds-council", At);

        var again = Assert.Single(tally.Drain(DateTimeOffset.MaxValue));
        Assert.Equal((2L, "leeds-council"), (again.Count, again.OrganisationId));
    }
}

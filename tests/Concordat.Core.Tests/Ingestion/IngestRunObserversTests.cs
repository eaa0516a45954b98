using Concordat.Core.Ingestion;

namespace Concordat.Core.Tests.Ingestion;

public sealed class IngestRunObserversTests
{
    private static readonly IngestRun Run = new(7, "dwp-claimants", "monthly", IngestRunStatus.Succeeded, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new IngestCounts());

    [Fact]
    public async Task Every_observer_is_told_in_order_even_when_one_throws()
    {
        var told = new List<string>();
        var observers = new IngestRunObservers([new Recording("quality", told, fail: true), new Recording("notify", told, fail: false)]);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => observers.RunCommittedAsync(Run, CancellationToken.None));

        Assert.Equal(["quality:7", "notify:7"], told);
        Assert.Equal("quality failed", thrown.Message);
    }

    private sealed class Recording(string name, List<string> told, bool fail) : IIngestRunObserver
    {
        public Task RunCommittedAsync(IngestRun run, CancellationToken cancellationToken)
        {
            told.Add($"{name}:{run.Id}");
            return fail ? Task.FromException(new InvalidOperationException(name + " failed")) : Task.CompletedTask;
        }
    }
}

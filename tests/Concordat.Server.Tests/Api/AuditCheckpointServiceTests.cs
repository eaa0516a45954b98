using Concordat.Core.Audit;
using Concordat.Server.Api.Audit;
using Concordat.Storage.Audit;
using Concordat.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Concordat.Server.Tests.Api;

public sealed class AuditCheckpointServiceTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-server-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly AuditSigningKey _key = AuditSigningKey.Create();
    private SqliteDatabase _database = null!;
    private SqliteAuditLedger _ledger = null!;
    private AuditEngine _log = null!;

    public Task InitializeAsync()
    {
        _database = new SqliteDatabase(Path.Combine(_directory, "concordat.db"));
        _database.Migrate();
        _ledger = SqliteAuditLedger.OpenBeside(_database);
        _log = new AuditEngine(_ledger, new CheckpointAnchorFile(Path.Combine(_directory, "keys")), _key, "test/audit", _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        _ledger.Dispose();
        _database.Dispose();
        _key.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Checkpoints_are_signed_when_the_interval_passes_or_enough_entries_wait()
    {
        var service = new AuditCheckpointService(_log, Microsoft.Extensions.Options.Options.Create(new AuditOptions
        {
            CheckpointInterval = TimeSpan.FromMinutes(1),
            CheckpointEveryEntries = 5,
        }), _time, NullLogger<AuditCheckpointService>.Instance);

        // Nothing logged: nothing to sign.
        Assert.Null(await service.TickAsync(CancellationToken.None));

        await AppendAsync(2);
        Assert.Equal(2, (await service.TickAsync(CancellationToken.None))!.TreeSize);

        // Grown, but neither a minute nor five entries since: not yet.
        await AppendAsync(1);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(await service.TickAsync(CancellationToken.None));

        // A minute since the last checkpoint: signed.
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(3, (await service.TickAsync(CancellationToken.None))!.TreeSize);

        // Not grown: nothing signed however long it waits.
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await service.TickAsync(CancellationToken.None));

        // Five entries waiting: signed at once.
        await AppendAsync(5);
        var signed = await service.TickAsync(CancellationToken.None);
        Assert.Equal(8, signed!.TreeSize);
        Assert.True(_key.PublicKey.Verify(signed));
    }

    [Fact]
    public async Task By_default_a_growing_log_is_signed_at_least_every_second()
    {
        var service = new AuditCheckpointService(_log, Microsoft.Extensions.Options.Options.Create(new AuditOptions()), _time, NullLogger<AuditCheckpointService>.Instance);

        await AppendAsync(1);
        Assert.Equal(1, (await service.TickAsync(CancellationToken.None))!.TreeSize);
        await AppendAsync(1);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Null(await service.TickAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, (await service.TickAsync(CancellationToken.None))!.TreeSize);
    }

    [Fact]
    public async Task Stopping_the_hub_signs_what_was_appended_since_the_last_checkpoint()
    {
        var service = new AuditCheckpointService(_log, Microsoft.Extensions.Options.Options.Create(new AuditOptions { CheckpointInterval = TimeSpan.FromHours(1) }), _time, NullLogger<AuditCheckpointService>.Instance);
        await AppendAsync(3);
        Assert.Equal(3, (await service.TickAsync(CancellationToken.None))!.TreeSize);
        await AppendAsync(2);
        Assert.Null(await service.TickAsync(CancellationToken.None));

        await service.StopAsync(CancellationToken.None);

        Assert.Equal(5, (await _log.GetLatestCheckpointAsync(CancellationToken.None))!.TreeSize);
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _log.AppendAsync(new AuditEntry
            {
                Time = _time.GetUtcNow(),
                ClientId = "dwp-service",
                OrganisationId = "dwp",
                Purpose = "test",
                Action = "lookup",
                Outcome = AuditOutcome.Denied,
                ReasonCode = "agreement.none",
            }, CancellationToken.None);
        }
    }
}

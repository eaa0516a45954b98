using Concordat.Core.Audit;
using Concordat.Storage.Tests.Contracts;
using Npgsql;

namespace Concordat.Storage.Tests.Postgres;

/// <summary>
/// The PostgreSQL signer lease fails over when its holder dies: the holder's session ends (here the server terminates
/// it, as it does when a node is killed and its connection drops), the lock goes with it, the old holder learns it no
/// longer holds the lease, and another node takes it.
/// </summary>
public sealed class PostgresSignerLeaseTests(PostgresStores postgres) : IClassFixture<PostgresStores>, IAsyncLifetime
{
    private TestStores _stores = null!;

    public async Task InitializeAsync() => _stores = await postgres.OpenAsync(null);

    [Fact]
    public async Task When_the_signer_dies_another_node_takes_the_lease()
    {
        var leader = _stores.Get<IAuditLedger>();
        var follower = _stores.AnotherNode().Get<IAuditLedger>();
        await using var held = await leader.TryAcquireSignerLeaseAsync(CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await follower.TryAcquireSignerLeaseAsync(CancellationToken.None));

        await using (var admin = new NpgsqlConnection(postgres.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                """
                SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND ((classid::bigint << 32) | objid::bigint) = x'434F4E434F524453'::bigint
                """,
                admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        Assert.False(await held.IsHeldAsync(CancellationToken.None));
        IAuditSignerLease? taken = null;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((taken = await follower.TryAcquireSignerLeaseAsync(CancellationToken.None)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the lease was not released within 10 s of its holder's end");
            await Task.Delay(50);
        }

        await using (taken)
        {
            Assert.True(await taken.IsHeldAsync(CancellationToken.None));
            Assert.Null(await leader.TryAcquireSignerLeaseAsync(CancellationToken.None));
        }
    }

    public async Task DisposeAsync() => await _stores.DisposeAsync();
}

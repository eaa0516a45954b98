using Npgsql;

namespace Concordat.Storage.Tests.Contracts.Postgres;

/// <summary>
/// The database's own guards on the audit ledger (migration 0021, statement-level triggers since the group-commit
/// benchmark): whatever writes to <c>audit_entries</c>, even bypassing the ledger and its lock, cannot leave a gap or
/// write before the end, and no subject key can name an entry that does not exist.
/// </summary>
public sealed class PostgresAuditGapTriggerTests(PostgresStores postgres) : StoreContract, IClassFixture<PostgresStores>
{
    protected override Task<TestStores> OpenStoresAsync(TimeProvider? time) => postgres.OpenAsync(time);

    [Fact]
    public async Task Consecutive_batches_from_zero_are_accepted()
    {
        await InsertAsync(0, 1, 2);
        await InsertAsync(3);
        await InsertAsync(4, 5, 6, 7);

        Assert.Equal(8L, await CountAsync());
    }

    [Theory]
    [InlineData(new long[] { 1 })]
    [InlineData(new long[] { 1, 2 })]
    [InlineData(new long[] { 5, 6, 7 })]
    public async Task A_first_batch_that_does_not_start_at_zero_is_refused(long[] indexes)
    {
        await AssertRefusedAsync(indexes);
        Assert.Equal(0L, await CountAsync());
    }

    [Theory]
    [InlineData(new long[] { 4 })]
    [InlineData(new long[] { 3, 5 })]
    [InlineData(new long[] { 3, 4, 6 })]
    [InlineData(new long[] { 5, 3, 4, 7 })]
    public async Task A_batch_with_a_gap_before_or_inside_it_is_refused_whole(long[] indexes)
    {
        await InsertAsync(0, 1, 2);

        await AssertRefusedAsync(indexes);

        Assert.Equal(3L, await CountAsync());
    }

    [Fact]
    public async Task A_batch_filling_a_hole_below_the_end_is_refused()
    {
        await InsertAsync(0, 1, 2);
        await using (var connection = await OpenAsync())
        {
            // A hole below the end can only be made with the trigger off, as a superuser could; the trigger still
            // refuses to fill it, since the sequence already goes on past it.
            await using var off = new NpgsqlCommand("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_contiguous; INSERT INTO audit_entries VALUES (5, '\\x00', decode(repeat('00', 32), 'hex')); ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_contiguous", connection);
            await off.ExecuteNonQueryAsync();
        }

        await AssertRefusedAsync([3, 4]);
        await AssertRefusedAsync([3]);
    }

    [Fact]
    public async Task A_subject_key_of_an_entry_that_does_not_exist_is_refused()
    {
        await InsertAsync(0, 1);
        await SubjectAsync(0, 1);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => SubjectAsync(5));

        Assert.Contains("must belong to an entry", refused.MessageText, StringComparison.Ordinal);
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_subjects", connection);
        Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!);
    }

    private async Task SubjectAsync(params long[] indexes)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO audit_subjects (subject_key, idx) SELECT decode(repeat('cd', 32), 'hex'), i FROM unnest($1::bigint[]) i", connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = indexes });
        await command.ExecuteNonQueryAsync();
    }

    private async Task AssertRefusedAsync(long[] indexes)
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(indexes));
        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task InsertAsync(params long[] indexes)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO audit_entries (idx, entry, leaf_hash) SELECT i, '\\x01', decode(repeat('ab', 32), 'hex') FROM unnest($1::bigint[]) i", connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = indexes });
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_entries", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

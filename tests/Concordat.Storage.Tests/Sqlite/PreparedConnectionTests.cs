using Concordat.Storage.Sqlite;

namespace Concordat.Storage.Tests.Sqlite;

/// <summary>Lent connections keep their prepared commands, carry the hub's pragmas and are never shared.</summary>
public sealed class PreparedConnectionTests : IDisposable
{
    private readonly TempDatabase _db = new();

    [Fact]
    public void A_returned_connection_is_lent_again_with_its_command_still_prepared()
    {
        SqliteCommandHolder first;
        using (var lent = _db.Database.Borrow())
        {
            first = new SqliteCommandHolder(lent.Connection, lent.Command("SELECT count(*) FROM organisations WHERE id = $id"));
            first.Command.Parameters.AddWithValue("$id", "none");
            Assert.Equal(0L, first.Command.ExecuteScalar());
        }

        using var again = _db.Database.Borrow();
        Assert.Same(first.Connection, again.Connection);
        var command = again.Command("SELECT count(*) FROM organisations WHERE id = $id");
        Assert.Same(first.Command, command);
        Assert.Empty(command.Parameters);
        command.Parameters.AddWithValue("$id", "still-none");
        Assert.Equal(0L, command.ExecuteScalar());
    }

    [Fact]
    public void The_prepared_set_is_bounded_and_statements_work_after_it_starts_again()
    {
        // Texts vary (limits and field names are written into them), so the prepared set is bounded, not a leak.
        using var lent = _db.Database.Borrow();
        var first = lent.Command("SELECT 0 + count(*) FROM organisations");
        for (var i = 0; i < 200; i++)
        {
            var command = lent.Command($"SELECT {i} + count(*) FROM organisations");
            Assert.Equal((long)i, command.ExecuteScalar());
        }

        var again = lent.Command("SELECT 0 + count(*) FROM organisations");
        Assert.NotSame(first, again);
        Assert.Equal(0L, again.ExecuteScalar());
    }

    [Fact]
    public void Two_borrowers_at_once_get_different_connections()
    {
        using var one = _db.Database.Borrow();
        using var two = _db.Database.Borrow();
        Assert.NotSame(one.Connection, two.Connection);
    }

    [Fact]
    public void Lent_and_reopened_connections_enforce_foreign_keys()
    {
        using (var lent = _db.Database.Borrow())
        {
            Assert.Equal(1L, lent.Command("PRAGMA foreign_keys").ExecuteScalar());
        }

        for (var i = 0; i < 3; i++)
        {
            // Pooled handles get the pragmas once; every reopening must still have them.
            using var connection = _db.Database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA foreign_keys";
            Assert.Equal(1L, command.ExecuteScalar());
        }
    }

    [Fact]
    public void A_disposed_database_lends_nothing_and_closes_what_it_held()
    {
        var lent = _db.Database.Borrow();
        var connection = lent.Connection;
        lent.Dispose();
        _db.Database.Dispose();
        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        Assert.Throws<ObjectDisposedException>(() => _db.Database.Borrow());
    }

    public void Dispose() => _db.Dispose();

    private sealed record SqliteCommandHolder(Microsoft.Data.Sqlite.SqliteConnection Connection, Microsoft.Data.Sqlite.SqliteCommand Command);
}

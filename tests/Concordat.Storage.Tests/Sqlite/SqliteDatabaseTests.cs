using Concordat.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Tests.Sqlite;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "concordat-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void New_database_gets_8_KiB_pages_in_WAL_mode()
    {
        var database = new SqliteDatabase(Path.Combine(_directory, "new.db"));
        database.Migrate();

        Assert.Equal(8192L, Scalar(database, "PRAGMA page_size"));
        Assert.Equal("wal", Scalar(database, "PRAGMA journal_mode"));
    }

    [Fact]
    public void Existing_database_keeps_its_page_size_and_migrates()
    {
        var path = Path.Combine(_directory, "old.db");
        Directory.CreateDirectory(_directory);
        using (var old = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE earlier (x INTEGER);";
            create.ExecuteNonQuery();
        }

        var database = new SqliteDatabase(path);
        database.Migrate();

        Assert.Equal(4096L, Scalar(database, "PRAGMA page_size"));
        Assert.Equal(0L, Scalar(database, "SELECT count(*) FROM record_versions"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static object? Scalar(SqliteDatabase database, string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

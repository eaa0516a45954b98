using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Storage.Tests.Contracts;

/// <summary>Fresh SQLite stores: a new file in a new temp directory for each test, removed afterwards.</summary>
public static class SqliteStores
{
    public static TestStores Open(TimeProvider? time)
    {
        var directory = Path.Combine(Path.GetTempPath(), "concordat-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "concordat.db");
        TestStores Node() => new(services => services.AddConcordatSqlite(path), Path.Combine(directory, "keys"), time, Node);
        return new TestStores(services => services.AddConcordatSqlite(path), Path.Combine(directory, "keys"), time, Node, () => Delete(directory));
    }

    private static void Delete(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}

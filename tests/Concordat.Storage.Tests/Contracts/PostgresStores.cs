using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Concordat.Storage.Tests.Contracts;

/// <summary>
/// A PostgreSQL database owned by one test class (named <c>concordat_test_</c> plus the class and a unique suffix) on
/// the server CONCORDAT_TEST_POSTGRES names, dropped when the class is done. Each test gets it empty: its schema is
/// dropped and the stores migrate it afresh. Without the variable the tests fail, so a run cannot pass by skipping them.
/// </summary>
public sealed class PostgresStores : IAsyncLifetime
{
    public const string Variable = "CONCORDAT_TEST_POSTGRES";
    private readonly string _name = $"concordat_test_{Guid.NewGuid():N}"[..40];
    private string _keys = "";

    /// <summary>The connection string of this class's database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The server's connection string (the database the variable names), for creating and dropping databases.</summary>
    public static NpgsqlConnectionStringBuilder Server()
    {
        var uri = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw new InvalidOperationException($"{Variable} is not set: run ./scripts/test.sh, or set it to a postgresql:// URI of a server whose user may create databases.");
        }

        var parsed = StoreLocation.Parse(uri);
        return parsed.IsSuccess && parsed.Value is PostgresStoreLocation location
            ? new NpgsqlConnectionStringBuilder(location.ConnectionString) { Pooling = false }
            : throw new InvalidOperationException($"{Variable} is not a PostgreSQL URI: {(parsed.IsSuccess ? parsed.Value.Display : parsed.Errors[0].Message)}");
    }

    /// <summary>Creates a database for one test class and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        var server = Server();
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server().ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync(_name);
        _keys = Path.Combine(Path.GetTempPath(), "concordat-tests", _name, "keys");
    }

    public async Task DisposeAsync()
    {
        await DropDatabaseAsync(_name);
        try
        {
            Directory.Delete(Path.GetDirectoryName(_keys)!, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    /// <summary>Empties the database (drops and recreates its schema) and opens stores that migrate it afresh.</summary>
    public async Task<TestStores> OpenAsync(TimeProvider? time)
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
            await command.ExecuteNonQueryAsync();
        }

        var location = new PostgresStoreLocation(ConnectionString, "postgresql://test/" + _name);
        TestStores Node() => new(services => services.AddConcordatPostgres(location), _keys, time, Node);
        var stores = Node();
        _ = stores.Database;
        return stores;
    }
}

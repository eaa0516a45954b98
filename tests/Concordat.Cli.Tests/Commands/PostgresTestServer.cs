using Concordat.Storage;
using Npgsql;

namespace Concordat.Cli.Tests.Commands;

/// <summary>
/// The PostgreSQL server named by CONCORDAT_TEST_POSTGRES (a postgresql:// URI, set by scripts/test.sh and .ci/run):
/// each test creates its own database, prefixed <c>integrity_</c>, and drops it afterwards.
/// </summary>
public sealed class PostgresTestServer : IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder _server;

    private PostgresTestServer(NpgsqlConnectionStringBuilder server, string database)
    {
        _server = server;
        Database = database;
    }

    /// <summary>The URI from the environment; without it the tests fail, so a run cannot pass by skipping them.</summary>
    public static string? Uri => Environment.GetEnvironmentVariable("CONCORDAT_TEST_POSTGRES") is { Length: > 0 } uri ? uri : null;

    public string Database { get; }

    /// <summary>A connection string to the test database, optionally with another password or port.</summary>
    public string ConnectionString(string? password = null, int? port = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = Database, Pooling = false };
        if (password is not null)
        {
            builder.Password = password;
        }

        if (port is not null)
        {
            builder.Port = port.Value;
        }

        return builder.ConnectionString;
    }

    public static async Task<PostgresTestServer> CreateAsync(string setupSql)
    {
        var parsed = StoreLocation.Parse(Uri ?? throw new InvalidOperationException("CONCORDAT_TEST_POSTGRES is not set; run the tests with scripts/test.sh."));
        var server = parsed.IsSuccess && parsed.Value is PostgresStoreLocation location
            ? new NpgsqlConnectionStringBuilder(location.ConnectionString) { Pooling = false }
            : throw new InvalidOperationException("CONCORDAT_TEST_POSTGRES is not a PostgreSQL URI.");
        var name = "integrity_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var created = new PostgresTestServer(server, name);
        await using var connection = new NpgsqlConnection(created.ConnectionString());
        await connection.OpenAsync();
        await using var setup = new NpgsqlCommand(setupSql, connection);
        await setup.ExecuteNonQueryAsync();
        return created;
    }

    public async ValueTask DisposeAsync()
    {
        await using var admin = new NpgsqlConnection(_server.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

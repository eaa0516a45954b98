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

    /// <summary>The URI from the environment, or null when tests run without a server.</summary>
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
        var uri = new Uri(Uri ?? throw new InvalidOperationException("CONCORDAT_TEST_POSTGRES is not set; run the tests with scripts/test.sh."));
        var user = uri.UserInfo.Split(':', 2);
        var server = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Username = System.Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? System.Uri.UnescapeDataString(user[1]) : null,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? db : "postgres",
            Pooling = false,
        };
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

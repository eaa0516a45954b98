using Concordat.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Concordat.Server.Hosting;

/// <summary>Ready when the database opens and its migrations table answers.</summary>
internal sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly SqliteDatabase _database;

    public DatabaseHealthCheck(SqliteDatabase database) => _database = database;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = _database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM schema_migrations";
            _ = command.ExecuteScalar();
            return Task.FromResult(HealthCheckResult.Healthy("The database is open."));
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The database cannot be opened.", ex));
        }
    }
}

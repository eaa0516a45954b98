using System.Data.Common;
using Concordat.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Concordat.Server.Hosting;

/// <summary>Ready when the store's database opens and its migrations table answers.</summary>
internal sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly IStoreDatabase _database;

    public DatabaseHealthCheck(IStoreDatabase database) => _database = database;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _database.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database is open.");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be opened.", ex);
        }
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Concordat.Server.Federation;

/// <summary>
/// Reports federation standing at <c>/health/federation</c>: healthy while the configuration is current, degraded in
/// its grace period, unhealthy when there is none, it expired past grace, or this node is not a listed member. Kept
/// out of <c>/health/ready</c> on purpose: an expired configuration stops federation, not the node's local work.
/// </summary>
internal sealed class FederationHealthCheck : IHealthCheck
{
    /// <summary>The health check tag and name.</summary>
    public const string Tag = "federation";

    private readonly FederationConfigurationService _configuration;

    public FederationHealthCheck(FederationConfigurationService configuration) => _configuration = configuration;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = _configuration.Status();
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["code"] = status.Code,
            ["version"] = status.Version,
        };
        if (status.ExpiresAt is { } expires)
        {
            data["expiresAt"] = expires;
            data["graceEndsAt"] = status.GraceEndsAt!.Value;
        }

        if (status.LastRefresh is { } refreshed)
        {
            data["lastRefresh"] = refreshed;
        }

        if (status.LastError is { } error)
        {
            data["lastError"] = error;
        }

        var result = status.Code switch
        {
            "federation.current" => HealthCheckResult.Healthy(status.Description, data),
            "federation.grace" => HealthCheckResult.Degraded(status.Description, data: data),
            _ => HealthCheckResult.Unhealthy(status.Description, data: data),
        };
        return Task.FromResult(result);
    }
}

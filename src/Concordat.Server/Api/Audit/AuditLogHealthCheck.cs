using Concordat.Core.Audit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// Not ready while the audit log is locked: every audited request fails then, so a load balancer should send traffic
/// elsewhere. The first check waits for the log to be opened (read and checked whole), so a hub never reports ready
/// over a log it has not checked. The report (codes, sizes and hashes, no personal data) goes with the result for
/// whoever reads health output; the anonymous <c>/health/ready</c> shows only the status.
/// </summary>
internal sealed class AuditLogHealthCheck : IHealthCheck
{
    private readonly AuditEngine _log;

    public AuditLogHealthCheck(AuditEngine log) => _log = log;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _log.OpenAsync(cancellationToken) is { } failure
                ? HealthCheckResult.Unhealthy(failure.Message, data: new Dictionary<string, object> { ["code"] = failure.Code })
                : HealthCheckResult.Healthy("The audit log is sound.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The audit log cannot be read.", ex);
        }
    }
}

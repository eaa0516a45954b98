using Concordat.Core.Audit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// Not ready while the audit log is locked: every audited request fails then, so a load balancer should send traffic
/// elsewhere. The report (codes, sizes and hashes, no personal data) goes with the result for whoever reads health
/// output; the anonymous <c>/health/ready</c> shows only the status.
/// </summary>
internal sealed class AuditLogHealthCheck : IHealthCheck
{
    private readonly IAuditLog _log;

    public AuditLogHealthCheck(IAuditLog log) => _log = log;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_log.Failure is { } failure
            ? HealthCheckResult.Unhealthy(failure.Message, data: new Dictionary<string, object> { ["code"] = failure.Code })
            : HealthCheckResult.Healthy("The audit log is sound."));
}

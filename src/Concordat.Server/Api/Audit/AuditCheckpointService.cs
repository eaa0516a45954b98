using Concordat.Core.Audit;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// Signs checkpoints at a regular interval: when the log has grown and the latest checkpoint is older than
/// <see cref="AuditOptions.CheckpointInterval"/>, or as soon as <see cref="AuditOptions.CheckpointEveryEntries"/>
/// entries are uncovered.
/// </summary>
internal sealed class AuditCheckpointService : BackgroundService
{
    private readonly IAuditLog _log;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditCheckpointService> _logger;

    public AuditCheckpointService(IAuditLog log, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditCheckpointService> logger)
    {
        _log = log;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TickAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Signs a checkpoint if one is due; returns it, or null.</summary>
    internal async Task<Checkpoint?> TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            var size = await _log.GetSizeAsync(cancellationToken);
            var latest = await _log.GetLatestCheckpointAsync(cancellationToken);
            var covered = latest?.TreeSize ?? 0;
            var due = size > covered
                && (size - covered >= _options.CheckpointEveryEntries || latest is null || _time.GetUtcNow() - latest.Time >= _options.CheckpointInterval);
            if (!due)
            {
                return null;
            }

            var checkpoint = await _log.CheckpointAsync(cancellationToken);
            AuditLog.CheckpointSigned(_logger, checkpoint.TreeSize, checkpoint.KeyId);
            return checkpoint;
        }
        catch (AuditLogException ex)
        {
            AuditLog.CheckpointFailed(_logger, ex);
            return null;
        }
    }
}

using Concordat.Core.Audit;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// Opens the audit log at start (so a tampered log is reported and locked before the first request), then signs
/// checkpoints: when the log has grown and the latest checkpoint is older than <see cref="AuditOptions.CheckpointInterval"/>,
/// or as soon as <see cref="AuditOptions.CheckpointEveryEntries"/> entries are uncovered, and once more on shutdown. Only
/// the process holding the ledger's signer lease signs; on other nodes a tick does nothing.
/// </summary>
internal sealed class AuditCheckpointService : BackgroundService
{
    private readonly AuditEngine _log;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditCheckpointService> _logger;
    private string? _reported;

    public AuditCheckpointService(AuditEngine log, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditCheckpointService> logger)
    {
        _log = log;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A last checkpoint, so entries appended since the last tick are signed before the process goes.
        try
        {
            var latest = await _log.GetLatestCheckpointAsync(cancellationToken);
            await SignAsync(await _log.GetSizeAsync(cancellationToken) > (latest?.TreeSize ?? 0), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Report(ex.Message, ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await _log.OpenAsync(stoppingToken) is { } failure)
            {
                Report(failure.Message, null);
            }

            using var timer = new PeriodicTimer(_options.PollInterval, _time);
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

    /// <summary>Signs a checkpoint if one is due and this process is the signer; returns it, or null.</summary>
    internal async Task<Checkpoint?> TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            var size = await _log.GetSizeAsync(cancellationToken);
            var latest = await _log.GetLatestCheckpointAsync(cancellationToken);
            var covered = latest?.TreeSize ?? 0;
            var due = size > covered
                && (size - covered >= _options.CheckpointEveryEntries || latest is null || _time.GetUtcNow() - latest.Time >= _options.CheckpointInterval);
            return await SignAsync(due, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Report(ex.Message, ex);
            return null;
        }
    }

    private async Task<Checkpoint?> SignAsync(bool due, CancellationToken cancellationToken)
    {
        if (!due)
        {
            return null;
        }

        try
        {
            if (await _log.TrySignAsync(cancellationToken) is not { } checkpoint)
            {
                return null;
            }

            AuditLog.CheckpointSigned(_logger, checkpoint.TreeSize, checkpoint.KeyId);
            _reported = null;
            return checkpoint;
        }
        catch (AuditLogException ex)
        {
            Report(ex.Message, ex);
            return null;
        }
    }

    /// <summary>Logs a failure once, not on every tick while it lasts.</summary>
    private void Report(string message, Exception? exception)
    {
        if (message == _reported)
        {
            return;
        }

        _reported = message;
        if (_log.Failure is { } failure)
        {
            AuditLog.Locked(_logger, failure.Code, failure.Message);
        }
        else
        {
            AuditLog.CheckpointFailed(_logger, exception);
        }
    }
}

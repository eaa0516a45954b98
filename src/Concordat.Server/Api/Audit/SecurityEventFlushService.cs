using Concordat.Core.Audit;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// Writes the security events counted in memory (<see cref="SecurityEventTally"/>) to their store: each finished
/// one-minute window every <see cref="Interval"/>, and everything still counted when the hub stops. Thread safe.
/// </summary>
internal sealed partial class SecurityEventFlushService : BackgroundService
{
    /// <summary>How often finished windows are written.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly SecurityEventTally _tally;
    private readonly ISecurityEventStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<SecurityEventFlushService> _logger;

    public SecurityEventFlushService(SecurityEventTally tally, ISecurityEventStore store, TimeProvider time, ILogger<SecurityEventFlushService> logger)
    {
        _tally = tally;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Writes every finished window now (and the current one too when <paramref name="includeCurrent"/>). Concurrent
    /// calls are safe: each writes what it drained, and the store adds counts up.
    /// </summary>
    public async Task FlushAsync(bool includeCurrent, CancellationToken cancellationToken)
    {
        var before = includeCurrent ? DateTimeOffset.MaxValue : SecurityEventTally.Start(_time.GetUtcNow());
        var events = _tally.Drain(before);
        try
        {
            await _store.AddAsync(events, cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or ObjectDisposedException)
        {
            // Counted again rather than lost: the next flush retries them.
            foreach (var e in events)
            {
                _tally.Restore(e);
            }

            FlushFailed(_logger, ex);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(includeCurrent: true, CancellationToken.None);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(includeCurrent: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; StopAsync writes what is left.
        }
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Error, Message = "Security events could not be written; they are kept for the next attempt")]
    private static partial void FlushFailed(ILogger logger, Exception exception);
}

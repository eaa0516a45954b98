using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Exchange;

/// <summary>Deletes extracts older than <see cref="ConcordatOptions.ExtractLifetime"/>, hourly.</summary>
internal sealed partial class ExtractSweepService : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private readonly ExtractFiles _files;
    private readonly ConcordatOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ExtractSweepService> _logger;

    public ExtractSweepService(ExtractFiles files, IOptions<ConcordatOptions> options, TimeProvider time, ILogger<ExtractSweepService> logger)
    {
        _files = files;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            do
            {
                var deleted = _files.DeleteOlderThan(_time.GetUtcNow() - _options.ExtractLifetime);
                if (deleted > 0)
                {
                    Swept(_logger, deleted);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (IOException ex)
        {
            SweepFailed(_logger, ex);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Deleted {Count} expired extracts")]
    private static partial void Swept(ILogger logger, int count);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Extract sweep failed")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}

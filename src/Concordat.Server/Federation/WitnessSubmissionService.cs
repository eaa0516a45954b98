using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>
/// Runs <see cref="WitnessSubmitter"/> every <see cref="FederationOptions.WitnessInterval"/> on a federation node (does
/// nothing on a hub that is not one): each round submits the newest checkpoint to the witnesses that have not cosigned
/// it, so a witness that was down is retried on the next round.
/// </summary>
internal sealed class WitnessSubmissionService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly FederationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WitnessSubmissionService> _logger;

    public WitnessSubmissionService(IServiceProvider services, IOptions<FederationOptions> options, TimeProvider time, ILogger<WitnessSubmissionService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var submitter = _services.GetRequiredService<WitnessSubmitter>();
        try
        {
            using var timer = new PeriodicTimer(_options.WitnessInterval, _time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await submitter.SubmitAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    WitnessLog.RoundFailed(_logger, ex.GetType().Name, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}

using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>Fetches the other members' public registers in the background on a federation node; does nothing on a hub that is not one.</summary>
internal sealed class FederatedRegisterRefreshService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly FederationOptions _options;
    private readonly TimeProvider _time;

    public FederatedRegisterRefreshService(IServiceProvider services, IOptions<FederationOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options.Value;
        _time = time;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var register = _services.GetRequiredService<FederatedRegister>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Let the configuration refresh run first; an unreachable member is logged and tried again next time.
                await Task.Delay(_options.RegisterRefreshInterval, _time, stoppingToken);
                await register.RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}

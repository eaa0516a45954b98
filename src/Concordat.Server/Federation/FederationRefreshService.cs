using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>Runs the configuration refresh in the background on a federation node; does nothing on a hub that is not one.</summary>
internal sealed class FederationRefreshService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly bool _enabled;

    public FederationRefreshService(IServiceProvider services, IOptions<FederationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _enabled = options.Value.Enabled;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _enabled ? _services.GetRequiredService<FederationConfigurationService>().RunAsync(stoppingToken) : Task.CompletedTask;
}

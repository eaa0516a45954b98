using Concordat.Core.Subscriptions;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Subscriptions;

/// <summary>
/// Queues notifications of runs not yet notified and delivers the webhook outbox: a pass as soon as notifications are
/// queued, and again every <see cref="WebhookOptions.PollInterval"/> on the hub's clock for retries that fell due and
/// runs committed elsewhere. Rows left pending by a restart are picked up by the first pass.
/// </summary>
internal sealed class WebhookDeliveryService : BackgroundService
{
    /// <summary>The named <see cref="HttpClient"/> deliveries use.</summary>
    public const string HttpClientName = "concordat-webhooks";

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ChangeNotifier _notifier;
    private readonly WebhookDispatcher _dispatcher;
    private readonly IHttpClientFactory _clients;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDeliveryService> _logger;

    public WebhookDeliveryService(ChangeNotifier notifier, WebhookDispatcher dispatcher, IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDeliveryService> logger)
    {
        _notifier = notifier;
        _dispatcher = dispatcher;
        _clients = clients;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Asks for a pass now (notifications were queued).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A pass is already asked for.
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await PassAsync(stoppingToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(_wake.WaitAsync(wait.Token), Task.Delay(_options.PollInterval, _time, wait.Token));
                await wait.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; pending rows stay in the outbox for the next start.
        }
    }

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Runs committed by the CLI, or before a crash, are queued here; the ingest's own call usually got there first.
            await _notifier.CatchUpAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WebhookLog.PassFailed(_logger, ex);
        }

        try
        {
            using var http = _clients.CreateClient(HttpClientName);
            while (await _dispatcher.DeliverDueAsync(http, stoppingToken) == WebhookDispatcher.BatchSize)
            {
                stoppingToken.ThrowIfCancellationRequested();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WebhookLog.PassFailed(_logger, ex);
        }
    }
}

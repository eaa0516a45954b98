using System.Net;
using System.Net.Sockets;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Core.Keys;
using Concordat.Core.Subscriptions;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Subscriptions;

/// <summary>Registers subscriptions, the change notifier (an ingest observer), the dispatcher and its hosted service.</summary>
internal static class SubscriptionServiceCollectionExtensions
{
    public static IServiceCollection AddConcordatSubscriptions(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName)
            .Validate(o => o.BaseBackoff > TimeSpan.Zero && o.MaxBackoff >= o.BaseBackoff && o.PollInterval > TimeSpan.Zero && o.Timeout > TimeSpan.Zero,
                "Concordat:Webhooks backoffs, timeout and poll interval must be positive, MaxBackoff at least BaseBackoff.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 50, "Concordat:Webhooks:MaxAttempts must be 1 to 50.")
            .Validate(o => o.MaxConcurrency is >= 1 and <= 64, "Concordat:Webhooks:MaxConcurrency must be 1 to 64.")
            .ValidateOnStart();
        services.AddSingleton(sp => new SubscriptionService(
            sp.GetRequiredService<ISubscriptionStore>(),
            sp.GetRequiredService<AgreementService>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<KeySealer>(),
            sp.GetRequiredService<TimeProvider>())
        {
            AllowLoopbackHttp = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowLoopbackHttp,
        });
        services.AddSingleton(sp => new ChangeNotifier(
            sp.GetRequiredService<ISubscriptionStore>(),
            sp.GetRequiredService<IIngestStore>(),
            sp.GetRequiredService<ICatalogueStore>(),
            sp.GetRequiredService<AgreementService>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<SubjectKeyer>(),
            sp.GetRequiredService<TimeProvider>())
        {
            Queued = () => sp.GetRequiredService<WebhookDeliveryService>().Wake(),
            NotifyFailed = (run, ex) => WebhookLog.NotifyFailed(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Webhooks"), run.Id, ex),
        });
        services.AddSingleton<IIngestRunObserver>(sp => sp.GetRequiredService<ChangeNotifier>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Webhooks");
            return new WebhookDispatcher(
                sp.GetRequiredService<ISubscriptionStore>(),
                sp.GetRequiredService<AgreementService>(),
                sp.GetRequiredService<IAuditLog>(),
                sp.GetRequiredService<KeySealer>(),
                sp.GetRequiredService<TimeProvider>(),
                new WebhookRetryPolicy(options.BaseBackoff, options.MaxBackoff, options.MaxAttempts))
            {
                MaxConcurrency = options.MaxConcurrency,
                AttemptTimeout = options.Timeout,
                AttemptFailed = d => WebhookLog.AttemptFailed(logger, d.Id, d.SubscriptionId, d.Attempts, d.LastError, d.LastStatusCode, d.Status.ToString()),
            };
        });
        services.AddSingleton<WebhookDeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryService>());
        services.AddHttpClient(WebhookDeliveryService.HttpClientName)
            // The dispatcher bounds each attempt itself; the client's own timeout is only a backstop.
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout + TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(sp => Handler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value))
            .RemoveAllLoggers();
        return services;
    }

    // No redirects (a 3xx could point inward), no cookies or proxy, and every resolved address checked on connect, so a
    // public name that resolves to a private or metadata address is refused at the moment it matters.
    private static SocketsHttpHandler Handler(WebhookOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = options.Timeout,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(a => WebhookAddresses.IsAllowed(a, options.AllowLoopbackHttp)).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "The callback host resolves only to addresses webhooks may not reach.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

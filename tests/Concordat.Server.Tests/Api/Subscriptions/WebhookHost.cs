using Concordat.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Concordat.Server.Tests.Api.Subscriptions;

/// <summary>
/// The real hub on a fake clock (so tests drive the retry backoff) that may post webhooks over http to loopback,
/// retries after 10 s doubling, gives up after 3 attempts, and captures every log line.
/// </summary>
public sealed class WebhookHost : ConcordatHost
{
    public WebhookHost()
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private WebhookHost(FakeTimeProvider clock)
        : base(
            new Dictionary<string, string?>
            {
                ["Concordat:Webhooks:AllowLoopbackHttp"] = "true",
                ["Concordat:Webhooks:BaseBackoff"] = "00:00:10",
                ["Concordat:Webhooks:MaxAttempts"] = "3",
                ["Concordat:Webhooks:PollInterval"] = "00:00:01",
            },
            clock) => Clock = clock;

    public FakeTimeProvider Clock { get; }

    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}

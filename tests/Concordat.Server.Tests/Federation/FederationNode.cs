using Concordat.Server.Federation;
using Concordat.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concordat.Server.Tests.Federation;

/// <summary>
/// One real hub running as a federation node: Kestrel with its public API on 127.0.0.1 (random port) and its
/// federation listener (mutual TLS) on its own port, over its own data directory, keys and certificate.
/// </summary>
public sealed class FederationNode : ConcordatHost
{
    internal FederationNode(string organisationId, int federationPort, string dataDirectory, Dictionary<string, string?> settings, TimeProvider time)
        : base(settings, time, dataDirectory, bindInCode: false)
    {
        OrganisationId = organisationId;
        FederationPort = federationPort;
    }

    public string OrganisationId { get; }

    public int FederationPort { get; }

    /// <summary>The node's federation listener, as the configuration lists it.</summary>
    public Uri FederationAddress => new($"https://127.0.0.1:{FederationPort}/");

    public FederationConfigurationService Configuration => Services.GetRequiredService<FederationConfigurationService>();

    public FederationClient Client => Services.GetRequiredService<FederationClient>();

    public FederationRefusals Refusals => Services.GetRequiredService<FederationRefusals>();

    /// <summary>Every line the node logged.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>Fetches the configuration now, as the periodic refresh would.</summary>
    public Task<FederationRefreshOutcome> RefreshAsync() => Configuration.RefreshAsync(CancellationToken.None);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}

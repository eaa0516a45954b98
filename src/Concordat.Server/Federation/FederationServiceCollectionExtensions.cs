using System.Text.Json;
using Concordat.Core.Keys;
using Concordat.Storage.Federation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>Registers a hub's federation node parts; they are only built when <c>Concordat:Federation:Enabled</c> is true.</summary>
internal static class FederationServiceCollectionExtensions
{
    public static IServiceCollection AddConcordatFederation(this IServiceCollection services)
    {
        services.AddOptions<FederationOptions>().BindConfiguration(FederationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FederationOptions>, FederationOptionsValidator>();
        services.AddSingleton(sp => FederationNodeCertificate.Load(
            sp.GetRequiredService<IOptions<ConcordatOptions>>(), sp.GetRequiredService<IOptions<FederationOptions>>(), sp.GetRequiredService<KeySealer>()));
        services.AddSingleton<FederationConfigurationSource>();
        services.AddSingleton(sp => new FederationConfigurationService(
            sp.GetRequiredService<IOptions<FederationOptions>>(),
            sp.GetRequiredService<IOptions<ConcordatOptions>>(),
            sp.GetRequiredService<FederationConfigurationSource>(),
            sp.GetRequiredService<FederationNodeCertificate>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FederationConfigurationService>>()));
        services.AddHostedService<FederationRefreshService>();
        services.AddSingleton<FederationRefusals>();
        services.AddSingleton<FederationHandshake>();
        services.AddSingleton<FederationTokenIssuer>();
        services.AddSingleton<ConfigureFederationBearer>();
        services.AddSingleton(sp => new FederationClient(
            sp.GetRequiredService<FederationConfigurationService>(),
            sp.GetRequiredService<FederationNodeCertificate>(),
            sp.GetRequiredService<IOptions<FederationOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FederationClient>>()));
        services.AddSingleton(sp => new FederationMessageLog(sp.GetRequiredService<IOptions<ConcordatOptions>>()));
        services.AddSingleton<FederatedAgreementDrafts>();
        services.AddSingleton(sp => new FederatedRegister(
            sp.GetRequiredService<Concordat.Core.Governance.AgreementService>(),
            sp.GetRequiredService<Concordat.Core.Catalogue.ICatalogueStore>(),
            sp.GetRequiredService<Hosting.PublicAddress>(),
            sp.GetRequiredService<FederationConfigurationService>(),
            sp.GetRequiredService<FederationNodeCertificate>(),
            sp.GetRequiredService<FederationClient>(),
            sp.GetRequiredService<IOptions<ConcordatOptions>>(),
            sp.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FederatedRegister>>()));
        services.AddHostedService<FederatedRegisterRefreshService>();
        services.AddSingleton<FederatedExchangeProvider>();
        services.AddSingleton(sp => new FederatedExchangeForwarder(
            sp.GetRequiredService<FederationClient>(),
            sp.GetRequiredService<FederationConfigurationService>(),
            sp.GetRequiredService<FederationNodeCertificate>(),
            sp.GetRequiredService<Concordat.Core.Audit.IAuditLog>(),
            sp.GetRequiredService<FederationMessageLog>(),
            sp.GetRequiredService<Concordat.Core.Audit.SubjectKeyer>(),
            sp.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WitnessStore(sp.GetRequiredService<IOptions<ConcordatOptions>>().Value.DataDirectoryPath));
        services.AddSingleton(sp => new WitnessService(
            sp.GetRequiredService<FederationConfigurationService>(),
            sp.GetRequiredService<WitnessStore>(),
            WitnessKeyFile.LoadOrCreate(sp.GetRequiredService<IOptions<ConcordatOptions>>().Value.KeysDirectoryPath, sp.GetRequiredService<KeySealer>(), WitnessNameOf(sp)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WitnessService>>()));
        services.AddSingleton(sp => new WitnessSubmitter(
            sp.GetRequiredService<Concordat.Core.Audit.IAuditLog>(),
            sp.GetRequiredService<FederationClient>(),
            sp.GetRequiredService<FederationConfigurationService>(),
            sp.GetRequiredService<WitnessedCheckpointFile>(),
            sp.GetRequiredService<ILogger<WitnessSubmitter>>()));
        services.AddHostedService<WitnessSubmissionService>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, ConfigureFederationKestrel>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>>(sp => new LazyConfigureFederationBearer(sp));
        services.AddAuthentication().AddJwtBearer(FederationAuthentication.Scheme);
        services.AddHealthChecks().AddCheck<FederationHealthCheck>(FederationHealthCheck.Tag, tags: [FederationHealthCheck.Tag]);
        return services;
    }

    /// <summary>This node's witness key name: the setting, or the default derived from its audit origin.</summary>
    public static string WitnessNameOf(IServiceProvider services) =>
        services.GetRequiredService<IOptions<FederationOptions>>().Value.WitnessName
        ?? WitnessKeyFile.DefaultName(services.GetRequiredService<Concordat.Core.Audit.IAuditLog>().Origin);

    /// <summary>Whether this hub runs as a federation node.</summary>
    public static bool FederationEnabled(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<FederationOptions>>().Value.Enabled;

    /// <summary>The forwarder of exchanges to other members' nodes, or null when this hub is no federation node.</summary>
    public static FederatedExchangeForwarder? ExchangeForwarder(this IServiceProvider services) =>
        services.FederationEnabled() ? services.GetRequiredService<FederatedExchangeForwarder>() : null;

    /// <summary>The copies of other members' registers, or null when this hub is no federation node.</summary>
    public static FederatedRegister? FederatedRegister(this IServiceProvider services) =>
        services.FederationEnabled() ? services.GetRequiredService<FederatedRegister>() : null;

    /// <summary>Loads the node certificate and the kept configuration before the listener accepts a connection.</summary>
    public static void InitialiseFederation(this IServiceProvider services, ILogger logger)
    {
        var options = services.GetRequiredService<IOptions<FederationOptions>>().Value;
        var node = services.GetRequiredService<FederationNodeCertificate>();
        services.GetRequiredService<FederationConfigurationService>().LoadKept();
        services.GetRequiredService<FederatedRegister>().LoadKept();
        FederationLog.Listening(logger, options.ListenEndpoint!, node.Thumbprint, options.OrganisationId!);
    }

    /// <summary>Maps <c>/health/federation</c>: 200 while federating (current or in grace), 503 otherwise, with the standing as JSON.</summary>
    public static void MapFederationHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health/federation", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(FederationHealthCheck.Tag),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous().DisableRateLimiting().WithTags("Health");

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var entry = report.Entries.Values.FirstOrDefault();
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["status"] = report.Status.ToString(),
            ["description"] = entry.Description,
        };
        foreach (var (key, value) in entry.Data ?? new Dictionary<string, object>())
        {
            body[key] = value;
        }

        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    // The federation bearer's dependencies exist only on a node; resolve them when the scheme is first configured.
    private sealed class LazyConfigureFederationBearer(IServiceProvider services) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name == FederationAuthentication.Scheme && services.FederationEnabled())
            {
                services.GetRequiredService<ConfigureFederationBearer>().Configure(name, options);
            }
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
    }
}

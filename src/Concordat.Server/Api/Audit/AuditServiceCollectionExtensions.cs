using Concordat.Core.Audit;
using Concordat.Storage;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// Registers the audit settings, the checkpoint service, the readiness check and <see cref="AuditTrail"/>. The log itself
/// (the engine over the store's ledger, with the checkpoint anchor beside the keys) comes with the store and the keys.
/// </summary>
internal static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddConcordatAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName)
            .Validate(o => CheckpointBody.IsValidOrigin(o.Origin), "Concordat:Audit:Origin must be 1 to 256 printable ASCII characters.")
            .Validate(o => o.CheckpointInterval > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero && o.CheckpointEveryEntries > 0, "Audit checkpoint intervals must be positive.")
            .ValidateOnStart();
        // The log itself comes with the store (AddConcordatStore) and its keys with AddConcordatKeys; the hub names its origin.
        services.AddSingleton(sp => new AuditLogSettings(sp.GetRequiredService<IOptions<AuditOptions>>().Value.Origin));
        services.AddSingleton<AuditTrail>();
        services.AddSingleton(sp => new Concordat.Storage.Federation.WitnessedCheckpointFile(sp.GetRequiredService<IOptions<ConcordatOptions>>().Value.DataDirectoryPath));
        services.AddHostedService<AuditCheckpointService>();
        services.AddHealthChecks().AddCheck<AuditLogHealthCheck>("audit", tags: ["ready"]);
        return services;
    }
}

using Concordat.Core.Audit;
using Concordat.Storage;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Audit;

/// <summary>Registers the audit settings, the checkpoint service and <see cref="AuditTrail"/>.</summary>
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
        services.AddHostedService<AuditCheckpointService>();
        return services;
    }
}

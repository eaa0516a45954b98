using Concordat.Core.Audit;
using Concordat.Core.Keys;
using Concordat.Storage.Audit;
using Concordat.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Audit;

/// <summary>Registers the audit log, its keys, the checkpoint service and <see cref="AuditTrail"/>.</summary>
internal static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddConcordatAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName)
            .Validate(o => CheckpointBody.IsValidOrigin(o.Origin), "Concordat:Audit:Origin must be 1 to 256 printable ASCII characters.")
            .Validate(o => o.CheckpointInterval > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero && o.CheckpointEveryEntries > 0, "Audit checkpoint intervals must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConcordatOptions>>().Value;
            var (key, created) = AuditKeyFiles.LoadOrCreateSigningKey(options.KeysDirectoryPath, sp.GetRequiredService<KeySealer>());
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Audit");
            AuditLog.SigningKey(logger, key.KeyId, created);
            return key;
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConcordatOptions>>().Value;
            return AuditKeyFiles.LoadOrCreateSubjectKeyer(options.KeysDirectoryPath, sp.GetRequiredService<KeySealer>()).Keyer;
        });
        services.AddSingleton(sp => new SqliteAuditLog(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<AuditSigningKey>(),
            sp.GetRequiredService<IOptions<AuditOptions>>().Value.Origin,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton<AuditTrail>();
        services.AddHostedService<AuditCheckpointService>();
        return services;
    }
}

using Concordat.Core.Audit;
using Concordat.Core.Keys;
using Concordat.Storage.Audit;
using Concordat.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// Registers the audit log: the SQLite ledger in its own file beside the hub's database, the anchor file beside the
/// sealed keys, the engine over both, its keys, the checkpoint service, the readiness check and <see cref="AuditTrail"/>.
/// </summary>
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
        services.AddSingleton(sp => SqliteAuditLedger.OpenBeside(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IAuditLedger>(sp => sp.GetRequiredService<SqliteAuditLedger>());
        services.AddSingleton<ICheckpointAnchor>(sp => new CheckpointAnchorFile(sp.GetRequiredService<IOptions<ConcordatOptions>>().Value.KeysDirectoryPath));
        services.AddSingleton(sp => new AuditEngine(
            sp.GetRequiredService<IAuditLedger>(),
            sp.GetRequiredService<ICheckpointAnchor>(),
            sp.GetRequiredService<AuditSigningKey>(),
            sp.GetRequiredService<IOptions<AuditOptions>>().Value.Origin,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditEngine>());
        services.AddSingleton<AuditTrail>();
        services.AddHostedService<AuditCheckpointService>();
        services.AddHealthChecks().AddCheck<AuditLogHealthCheck>("audit", tags: ["ready"]);
        return services;
    }
}

using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Core.Keys;
using Concordat.Core.Linkage;
using Concordat.Core.Quality;
using Concordat.Core.Subscriptions;
using Concordat.Storage.Audit;
using Concordat.Storage.Keys;
using Concordat.Storage.Postgres;
using Concordat.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concordat.Storage;

/// <summary>
/// The registration entries of the storage layer (docs/adr/0012-one-storage-seam.md): one per dialect, each registering
/// the database (migrated on first use) and every store contract Core owns, plus the key files every dialect shares.
/// </summary>
public static class ConcordatStorageServiceCollectionExtensions
{
    /// <summary>Registers the stores of <paramref name="location"/>'s dialect: the one call a host makes after parsing its store setting.</summary>
    public static IServiceCollection AddConcordatStore(this IServiceCollection services, StoreLocation location) => location switch
    {
        SqliteStoreLocation sqlite => services.AddConcordatSqlite(sqlite.Path, sqlite.BusyTimeout),
        PostgresStoreLocation postgres => services.AddConcordatPostgres(postgres),
        null => throw new ArgumentNullException(nameof(location)),
        _ => throw new ArgumentException($"Unknown store kind {location.GetType().Name}.", nameof(location)),
    };

    /// <summary>
    /// Registers the embedded SQLite store at <paramref name="databasePath"/>: the database (its file and directory created
    /// and migrated when first resolved), every store contract and the audit log.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="databasePath">The database file.</param>
    /// <param name="busyTimeout">How long a statement waits for another process's lock (default 30 s).</param>
    public static IServiceCollection AddConcordatSqlite(this IServiceCollection services, string databasePath, TimeSpan? busyTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        services.AddSingleton(_ =>
        {
            if (Path.GetDirectoryName(Path.GetFullPath(databasePath)) is { Length: > 0 } directory)
            {
                OwnerOnlyFiles.CreateDirectory(directory);
            }

            var database = new SqliteDatabase(databasePath, busyTimeout);
            database.Migrate();
            return database;
        });
        services.AddSingleton<IStoreDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<ICatalogueStore, SqliteCatalogueStore>();
        services.AddSingleton<IClientStore, SqliteClientStore>();
        services.AddSingleton<IIngestStore, SqliteIngestStore>();
        services.AddSingleton<IRecordStore, SqliteRecordStore>();
        services.AddSingleton<IQualityStore, SqliteQualityStore>();
        services.AddSingleton<IAgreementStore, SqliteAgreementStore>();
        services.AddSingleton<IPseudonymKeyStore, SqlitePseudonymKeyStore>();
        services.AddSingleton<IConsentStore, SqliteConsentStore>();
        services.AddSingleton<IPersonStore, SqlitePersonStore>();
        services.AddSingleton<IWorkingDraftStore, SqliteWorkingDraftStore>();
        services.AddSingleton<ISubscriptionStore, SqliteSubscriptionStore>();
        services.AddSingleton<ISecurityEventStore, SqliteSecurityEventStore>();
        // The audit ledger is a file of its own beside the database (docs/adr/0015), moved out of it on first use.
        services.AddSingleton(sp => SqliteAuditLedger.OpenBeside(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IAuditLedger>(sp => sp.GetRequiredService<SqliteAuditLedger>());
        return services.AddConcordatAuditEngine();
    }

    /// <summary>
    /// Registers the audit log (<see cref="IAuditLog"/>): the one <see cref="AuditEngine"/> over the <see cref="IAuditLedger"/>
    /// a dialect entry registered, the <see cref="ICheckpointAnchor"/> and signing key <see cref="AddConcordatKeys(IServiceCollection, string)"/>
    /// registers, and the origin from <see cref="AuditLogSettings"/> (or the log's own, or the default). Each dialect
    /// calls it once it registers its ledger (docs/adr/0014).
    /// </summary>
    public static IServiceCollection AddConcordatAuditEngine(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp =>
        {
            var ledger = sp.GetRequiredService<IAuditLedger>();
            var anchor = sp.GetRequiredService<ICheckpointAnchor>();
            // A process that does not name the origin (the CLI) signs under the one the log already has.
            var origin = sp.GetService<AuditLogSettings>()?.Origin
                ?? ledger.GetLatestCheckpointAsync(CancellationToken.None).GetAwaiter().GetResult()?.Origin
                ?? anchor.ReadAsync(CancellationToken.None).GetAwaiter().GetResult()?.Origin
                ?? AuditEngine.DefaultOrigin;
            return new AuditEngine(ledger, anchor, sp.GetRequiredService<AuditSigningKey>(), origin, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditEngine>());
        return services;
    }

    /// <summary>
    /// Registers the PostgreSQL store: the database (migrated under an advisory lock when first resolved, so nodes that
    /// start together migrate once) and every store contract.
    /// </summary>
    public static IServiceCollection AddConcordatPostgres(this IServiceCollection services, PostgresStoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(location);
        services.AddSingleton(sp =>
        {
            var loggers = sp.GetService<ILoggerFactory>();
            var database = new PostgresDatabase(location, loggers);
            try
            {
                var applied = database.Migrate();
                if (loggers is not null)
                {
                    var logger = loggers.CreateLogger("Concordat.Storage");
                    var versions = applied.Count == 0 ? "none" : string.Join(", ", applied);
                    StorageLog.Migrated(logger, database.Display, versions);
                }
            }
            catch
            {
                database.Dispose();
                throw;
            }

            return database;
        });
        services.AddSingleton<IStoreDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<ICatalogueStore, PostgresCatalogueStore>();
        services.AddSingleton<IClientStore, PostgresClientStore>();
        services.AddSingleton<IIngestStore, PostgresIngestStore>();
        services.AddSingleton<IRecordStore, PostgresRecordStore>();
        services.AddSingleton<IQualityStore, PostgresQualityStore>();
        services.AddSingleton<IAgreementStore, PostgresAgreementStore>();
        services.AddSingleton<IPseudonymKeyStore, PostgresPseudonymKeyStore>();
        services.AddSingleton<IConsentStore, PostgresConsentStore>();
        services.AddSingleton<IPersonStore, PostgresPersonStore>();
        services.AddSingleton<IWorkingDraftStore, PostgresWorkingDraftStore>();
        services.AddSingleton<ISubscriptionStore, PostgresSubscriptionStore>();
        services.AddSingleton<ISecurityEventStore, PostgresSecurityEventStore>();
        // The audit ledger shares the database with every node (docs/adr/0017): one sequence, one signer.
        services.AddSingleton<PostgresAuditLedger>();
        services.AddSingleton<IAuditLedger>(sp => sp.GetRequiredService<PostgresAuditLedger>());
        return services.AddConcordatAuditEngine();
    }

    /// <summary>
    /// Registers the key files of <paramref name="keysDirectory"/>, which every dialect shares: the master key
    /// (<see cref="KeySealer"/>, or CONCORDAT_MASTER_KEY), the audit checkpoint signing key, the subject keyer, and the
    /// last signed audit checkpoint (<see cref="ICheckpointAnchor"/>). Each is loaded, or created, when first resolved,
    /// so a command that touches no keys creates none.
    /// </summary>
    public static IServiceCollection AddConcordatKeys(this IServiceCollection services, string keysDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        var directory = Path.GetFullPath(keysDirectory);
        return services.AddConcordatKeys(_ => directory);
    }

    /// <summary>
    /// Registers the key files as <see cref="AddConcordatKeys(IServiceCollection, string)"/> does, with the directory
    /// found when the first key is resolved (a host whose data directory comes from bound options).
    /// </summary>
    public static IServiceCollection AddConcordatKeys(this IServiceCollection services, Func<IServiceProvider, string> keysDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(keysDirectory);
        services.AddSingleton(sp =>
        {
            var (sealer, source, created) = MasterKeyFile.LoadOrCreate(keysDirectory(sp));
            if (sp.GetService<ILoggerFactory>() is { } loggers)
            {
                var logger = loggers.CreateLogger("Concordat.Storage.Keys");
                StorageLog.MasterKey(logger, sealer.MasterKeyId, source, created);
            }

            return sealer;
        });
        services.AddSingleton(sp =>
        {
            var (key, created) = AuditKeyFiles.LoadOrCreateSigningKey(keysDirectory(sp), sp.GetRequiredService<KeySealer>());
            if (sp.GetService<ILoggerFactory>() is { } loggers)
            {
                var logger = loggers.CreateLogger("Concordat.Storage.Keys");
                StorageLog.AuditSigningKey(logger, key.KeyId, created);
            }

            return key;
        });
        services.AddSingleton(sp => AuditKeyFiles.LoadOrCreateSubjectKeyer(keysDirectory(sp), sp.GetRequiredService<KeySealer>()).Keyer);
        // The last signed audit checkpoint lives beside the keys, outside every database (docs/adr/0014).
        services.AddSingleton<ICheckpointAnchor>(sp => new CheckpointAnchorFile(keysDirectory(sp)));
        return services;
    }
}

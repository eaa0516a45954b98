using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Exchange;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Core.Linkage;
using Concordat.Core.Quality;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Concordat.Core;

/// <summary>The registration entry of the domain layer (docs/adr/0012-one-storage-seam.md).</summary>
public static class ConcordatCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the domain services every host shares: ingest, quality, agreements, consent, exchange and the linkage review. They depend
    /// only on the store contracts (<see cref="ICatalogueStore"/>, <see cref="IIngestStore"/> and the rest) and on keys,
    /// which a store registration (<c>AddConcordatSqlite</c>, <c>AddConcordatPostgres</c>) and <c>AddConcordatKeys</c>
    /// provide. Services are singletons and are built on first use, so a host pays only for what it touches. Safe to
    /// call more than once.
    /// </summary>
    public static IServiceCollection AddConcordatCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new QualityService(
            sp.GetRequiredService<ICatalogueStore>(),
            sp.GetRequiredService<IIngestStore>(),
            sp.GetRequiredService<IQualityStore>(),
            sp.GetRequiredService<TimeProvider>())
        {
            // The run has committed and stays committed; a profile that cannot be taken is reported, not fatal.
            ProfileAfterIngestFailed = sp.GetService<ProfileFailureReporter>() is { } report ? (run, ex) => report(run, ex) : null,
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIngestRunObserver, QualityService>(sp => sp.GetRequiredService<QualityService>()));
        // Every registered observer (quality profiling, and in the hub change notifications) hears of each committed run.
        services.TryAddSingleton(sp => new IngestService(
            sp.GetRequiredService<ICatalogueStore>(),
            sp.GetRequiredService<IIngestStore>(),
            sp.GetRequiredService<TimeProvider>(),
            new IngestRunObservers(sp.GetServices<IIngestRunObserver>())));
        services.TryAddSingleton<AgreementService>();
        services.TryAddSingleton<ConsentService>();
        services.TryAddSingleton<ExchangeService>();
        services.TryAddSingleton<PersonMatchExchange>();
        services.TryAddSingleton<BulkExchangeService>();
        services.TryAddSingleton<ReviewService>();
        // Needs the audit log, which a store registration adds when its dialect has one.
        services.TryAddSingleton<AccessTally>();
        services.TryAddSingleton<AuditReader>();
        return services;
    }
}

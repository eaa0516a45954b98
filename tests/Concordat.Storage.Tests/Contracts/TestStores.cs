using System.Text;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Core.Linkage;
using Concordat.Core.Quality;
using Concordat.Core.Subscriptions;
using Concordat.Storage.Tests.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Storage.Tests.Contracts;

/// <summary>
/// One store under test, built by the same registration entries a hub uses (AddConcordatCore, AddConcordatSqlite or
/// AddConcordatPostgres, AddConcordatKeys) over a fresh database; <see cref="AnotherNode"/> opens a second set of
/// services on the same database, as a second process or hub node would.
/// </summary>
public sealed class TestStores : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly Func<TestStores> _another;
    private readonly List<TestStores> _others = [];

    private readonly Action? _cleanup;

    public TestStores(Func<IServiceCollection, IServiceCollection> addStore, string keysDirectory, TimeProvider? time, Func<TestStores> another, Action? cleanup = null)
    {
        _cleanup = cleanup;
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        _services = addStore(services.AddConcordatCore()).AddConcordatKeys(keysDirectory).BuildServiceProvider();
        _another = another;
    }

    public IServiceProvider Services => _services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public ICatalogueStore Catalogue => Get<ICatalogueStore>();

    public IClientStore Clients => Get<IClientStore>();

    public IIngestStore Ingest => Get<IIngestStore>();

    public IRecordStore Records => Get<IRecordStore>();

    public IQualityStore Quality => Get<IQualityStore>();

    public IAgreementStore Agreements => Get<IAgreementStore>();

    public IPseudonymKeyStore Keys => Get<IPseudonymKeyStore>();

    public IConsentStore Consents => Get<IConsentStore>();

    public IPersonStore Persons => Get<IPersonStore>();

    public ISubscriptionStore Subscriptions => Get<ISubscriptionStore>();

    public IStoreDatabase Database => Get<IStoreDatabase>();

    /// <summary>Services of a second process or node over the same database, disposed with this one.</summary>
    public TestStores AnotherNode()
    {
        var other = _another();
        _others.Add(other);
        return other;
    }

    public async Task<Dataset> SeedDatasetAsync(string orgId = "hmrc", string datasetId = "hmrc-taxpayers")
    {
        var now = At(2026, 1, 1);
        if (await Catalogue.GetOrganisationAsync(orgId, default) is null)
        {
            Assert.True((await Catalogue.CreateOrganisationAsync(new Organisation(orgId, "HM Revenue and Customs", now), default)).IsSuccess);
        }

        return (await Catalogue.CreateDatasetAsync(new Dataset(datasetId, orgId, "Taxpayers", TempDatabase.PersonSchema()) { CreatedAt = now, UpdatedAt = now }, default)).Value;
    }

    /// <summary>Loads rows as one committed run and returns its id.</summary>
    public long Load(string datasetId, RefreshMode mode, params (string Key, string Json)[] rows)
    {
        using var session = Ingest.Begin(new IngestRunStart(datasetId, "test", SourceFormat.Csv, mode, "test", At(2026, 1, 2)));
        long sourceRow = 0;
        foreach (var (key, json) in rows)
        {
            session.Apply(key, RecordContent.FromUtf8(Encoding.UTF8.GetBytes(json)), ++sourceRow);
        }

        return session.Commit(new IngestCounts { RowsRead = rows.Length, RowsLoaded = rows.Length }, mode == RefreshMode.Full, null, At(2026, 1, 2)).Id;
    }

    /// <summary>An instant PostgreSQL and SQLite both keep exactly (whole seconds, UTC).</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }

        await _services.DisposeAsync();
        _cleanup?.Invoke();
    }
}

using System.CommandLine;
using Concordat.Core;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Core.Linkage;
using Concordat.Core.Quality;
using Concordat.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Cli.Commands;

/// <summary>
/// The hub's services for one command: the same registration entries as the hub (<c>AddConcordatCore</c>,
/// <c>AddConcordatStore</c>, <c>AddConcordatKeys</c>) over the store named by <c>--store</c> (or CONCORDAT_STORE, or
/// <c>concordat.db</c> in the <c>--data</c> directory) and the keys in the data directory. Services are built on first
/// use, so a command pays only for what it touches; the command's wrapper disposes the context when it ends.
/// </summary>
internal sealed class CliContext : IAsyncDisposable
{
    public static readonly Option<DirectoryInfo> DataOption = new("--data")
    {
        Description = "The hub's data directory: keys, link inputs, and the default store (default: $CONCORDAT_DATA or ./data).",
        Recursive = true,
        DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("CONCORDAT_DATA") is { Length: > 0 } env ? env : "data"),
    };

    public static readonly Option<string?> StoreOption = new("--store")
    {
        Description = "The store: sqlite:PATH or postgresql://user:password@host:5432/database (default: $CONCORDAT_STORE, else DATA/concordat.db).",
        Recursive = true,
    };

    // Contexts opened while a command runs, disposed by the command's wrapper (CliActions) when it ends.
    private static readonly AsyncLocal<List<CliContext>?> Opened = new();

    private readonly ServiceProvider _services;

    private CliContext(ServiceProvider services, StoreLocation store, string dataDirectory)
    {
        _services = services;
        Store = store;
        DataDirectory = dataDirectory;
    }

    /// <summary>Where the tables are.</summary>
    public StoreLocation Store { get; }

    /// <summary>Full path of the data directory (keys, link inputs).</summary>
    public string DataDirectory { get; }

    /// <summary>Full path of the keys directory inside the data directory.</summary>
    public string KeysDirectory => Path.Combine(DataDirectory, "keys");

    /// <summary>The store's database, opened and migrated on first use.</summary>
    public IStoreDatabase Database => Get<IStoreDatabase>();

    public ICatalogueStore Catalogue => Get<ICatalogueStore>();

    public IClientStore Clients => Get<IClientStore>();

    public IIngestStore Ingest => Get<IIngestStore>();

    /// <summary>The record store (the read side of ingestion).</summary>
    public IRecordStore Records => Get<IRecordStore>();

    public IngestService IngestService => Get<IngestService>();

    /// <summary>Agreements; opening them loads (or creates) the master key in the data directory's keys folder.</summary>
    public AgreementService Agreements => Get<AgreementService>();

    /// <summary>Consent records of consent-based agreements.</summary>
    public ConsentService Consents => Get<ConsentService>();

    public IQualityStore QualityStore => Get<IQualityStore>();

    /// <summary>
    /// How long a command waits for another process's write lock on the hub's database: CONCORDAT_BUSY_TIMEOUT in
    /// whole seconds, or the store's default (30 s). A value that is not a positive whole number is refused.
    /// </summary>
    internal static TimeSpan? BusyTimeout()
    {
        var text = Environment.GetEnvironmentVariable("CONCORDAT_BUSY_TIMEOUT");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new CliInputException($"CONCORDAT_BUSY_TIMEOUT is '{text}'; give a whole number of seconds, 1 or more.");
    }

    public QualityService Quality => Get<QualityService>();

    public IPersonStore Persons => Get<IPersonStore>();

    /// <summary>The audit log, signing with the key in the data directory.</summary>
    public IAuditLog AuditLog => Get<IAuditLog>();

    /// <summary>Starts collecting the contexts a command opens, so they can be disposed when it ends.</summary>
    public static List<CliContext> BeginCommand() => Opened.Value = [];

    /// <summary>Opens the services of the store and data directory the command line names; a bad store setting is a <see cref="CliInputException"/>.</summary>
    public static CliContext Open(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var dataDirectory = parse.GetValue(DataOption)!.FullName;
        var store = StoreLocation.Resolve(parse.GetValue(StoreOption), Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable), null, dataDirectory);
        if (!store.IsSuccess)
        {
            throw new CliInputException(store.Errors[0].Message);
        }

        var location = store.Value is SqliteStoreLocation sqlite ? sqlite with { BusyTimeout = BusyTimeout() } : store.Value;

        var services = new ServiceCollection()
            .AddConcordatCore()
            .AddConcordatStore(location)
            .AddConcordatKeys(Path.Combine(dataDirectory, "keys"))
            // The run has committed; a profile that cannot be taken is worth a warning, not a failed ingest.
            .AddSingleton<ProfileFailureReporter>((run, ex) => Console.Error.WriteLine($"warning: run {run.Id} committed, but its quality profile could not be taken: {ex.Message}"))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = false, ValidateOnBuild = false });
        var context = new CliContext(services, location, dataDirectory);
        Opened.Value?.Add(context);
        return context;
    }

    /// <summary>Resolves a registered service.</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

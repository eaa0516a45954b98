using System.CommandLine;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Storage.Keys;
using Concordat.Core.Quality;
using Concordat.Storage.Sqlite;

namespace Concordat.Cli.Commands;

/// <summary>The hub's stores opened over the data directory named by <c>--data</c> (or CONCORDAT_DATA).</summary>
internal sealed class CliContext
{
    public static readonly Option<DirectoryInfo> DataOption = new("--data")
    {
        Description = "The hub's data directory (default: $CONCORDAT_DATA or ./data).",
        Recursive = true,
        DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("CONCORDAT_DATA") is { Length: > 0 } env ? env : "data"),
    };

    private AgreementService? _agreements;
    private ConsentService? _consents;

    private CliContext(SqliteDatabase database)
    {
        Database = database;
        Catalogue = new SqliteCatalogueStore(database);
        Clients = new SqliteClientStore(database);
        Ingest = new SqliteIngestStore(database);
        QualityStore = new SqliteQualityStore(database);
        Quality = new QualityService(Catalogue, Ingest, QualityStore, TimeProvider.System)
        {
            // The run has committed; a profile that cannot be taken is worth a warning, not a failed ingest.
            ProfileAfterIngestFailed = (run, ex) => Console.Error.WriteLine($"warning: run {run.Id} committed, but its quality profile could not be taken: {ex.Message}"),
        };
        IngestService = new IngestService(Catalogue, Ingest, TimeProvider.System, Quality);
    }

    public SqliteDatabase Database { get; }

    public ICatalogueStore Catalogue { get; }

    public IClientStore Clients { get; }

    public IIngestStore Ingest { get; }

    public IngestService IngestService { get; }

    /// <summary>Agreements; opening them loads (or creates) the master key in the data directory's keys folder.</summary>
    public AgreementService Agreements => _agreements ??= new AgreementService(
        new SqliteAgreementStore(Database),
        new SqlitePseudonymKeyStore(Database),
        new SqliteConsentStore(Database),
        Catalogue,
        MasterKeyFile.LoadOrCreate(Path.Combine(Path.GetDirectoryName(Database.Path)!, "keys")).Sealer,
        TimeProvider.System);

    /// <summary>Consent records of consent-based agreements.</summary>
    public ConsentService Consents => _consents ??= new ConsentService(Agreements, new SqliteConsentStore(Database), TimeProvider.System);
    public IQualityStore QualityStore { get; }

    public QualityService Quality { get; }

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
            : throw new CliUsageException($"CONCORDAT_BUSY_TIMEOUT is '{text}'; give a whole number of seconds, 1 or more.");
    }

    public static CliContext Open(ParseResult parse)
    {
        var directory = parse.GetValue(DataOption)!;
        var database = new SqliteDatabase(Path.Combine(directory.FullName, "concordat.db"), BusyTimeout());
        database.Migrate();
        return new CliContext(database);
    }
}

using Concordat.Core;
using Concordat.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Benchmarks;

/// <summary>
/// The store a benchmark runs against, opened through the same registration entries as the hub and the CLI:
/// <c>--store URL</c> on the benchmark's command line, else CONCORDAT_STORE, else a fresh SQLite file in a temp
/// directory. A PostgreSQL store must name an empty database the benchmark may fill (it is not emptied afterwards).
/// </summary>
internal sealed class BenchStores : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _directory;

    private BenchStores(ServiceProvider services, StoreLocation location, string directory)
    {
        _services = services;
        Location = location;
        _directory = directory;
    }

    /// <summary>The <c>--store</c> value given to the benchmark, if any (Program strips it from the arguments).</summary>
    public static string? Setting { get; set; }

    public StoreLocation Location { get; }

    /// <summary>"SQLite" or "PostgreSQL", for the printed figures.</summary>
    public string Kind => Location is PostgresStoreLocation ? "PostgreSQL" : "SQLite";

    public static BenchStores Open(string? dataDirectory = null)
    {
        var directory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "concordat-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var location = Resolve(directory);
        var services = new ServiceCollection()
            .AddConcordatCore()
            .AddConcordatStore(location)
            .AddConcordatKeys(Path.Combine(directory, "keys"))
            .BuildServiceProvider();
        return new BenchStores(services, location, directory);
    }

    /// <summary>The store the settings name, or SQLite in <paramref name="dataDirectory"/>.</summary>
    public static StoreLocation Resolve(string dataDirectory)
    {
        var parsed = StoreLocation.Resolve(Setting, Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable), null, dataDirectory);
        return parsed.IsSuccess ? parsed.Value : throw new ArgumentException(parsed.Errors[0].Message);
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

using Concordat.Core;
using Concordat.Storage;

namespace Concordat.Server.Hosting;

/// <summary>
/// Reads the hub's one store setting from its configuration: <c>--store URL</c> on the command line, else the
/// <c>CONCORDAT_STORE</c> environment variable, else <c>Concordat:Store</c> (appsettings or <c>Concordat__Store</c>),
/// else the SQLite file <c>concordat.db</c> in <c>Concordat:DataDirectory</c> (default <c>./data</c>).
/// </summary>
internal static class ConcordatStoreSetting
{
    /// <summary>The configuration key <c>--store</c> lands on.</summary>
    public const string CommandLineKey = "store";

    public static Result<StoreLocation> Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataDirectory = configuration[$"{ConcordatOptions.SectionName}:{nameof(ConcordatOptions.DataDirectory)}"];
        return StoreLocation.Resolve(
            configuration[CommandLineKey],
            configuration[StoreLocation.EnvironmentVariable],
            configuration[$"{ConcordatOptions.SectionName}:Store"],
            string.IsNullOrWhiteSpace(dataDirectory) ? new ConcordatOptions().DataDirectory : dataDirectory);
    }
}

using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Concordat.Server.Hosting;

/// <summary>
/// Where the hub's settings and log rules come from when it is not started from its own directory. ASP.NET Core reads
/// <c>appsettings.json</c> from the content root, which is the working directory; <c>dotnet run --project</c> from the
/// repository root (as README says, so <c>./data</c> lands there) would otherwise run with no settings file at all and
/// log every request path at Information.
/// </summary>
internal static class ApplicationSettings
{
    // Categories that write request paths, query strings or redirect URLs (which can hold a NINO record key, an OAuth
    // code or a state value) at Information. The hub's own request logs use route templates instead.
    private static readonly string[] PathLoggingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Http.Result",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Authentication",
        "System.Net.Http.HttpClient",
    ];

    /// <summary>
    /// Adds <c>appsettings.json</c> and <c>appsettings.{environment}.json</c> from the application's own directory as the
    /// lowest-precedence sources, so a settings file in the content root, environment variables and the command line
    /// still override them.
    /// </summary>
    public static ConfigurationManager AddApplicationDirectorySettings(this ConfigurationManager configuration, string environmentName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = AppContext.BaseDirectory;
        IConfigurationSource[] sources =
        [
            Json(directory, "appsettings.json"),
            Json(directory, $"appsettings.{environmentName}.json"),
        ];
        for (var i = sources.Length - 1; i >= 0; i--)
        {
            configuration.Sources.Insert(0, sources[i]);
        }

        return configuration;
    }

    /// <summary>
    /// Caps the framework categories that log request paths, query strings and redirect URLs at Warning, whatever the
    /// settings file says, so nothing at Information or above carries an identifier, a code or a token.
    /// </summary>
    public static ILoggingBuilder KeepRequestDetailsOutOfLogs(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        foreach (var category in PathLoggingCategories)
        {
            logging.AddFilter(category, LogLevel.Warning);
        }

        return logging;
    }

    private static JsonConfigurationSource Json(string directory, string file) => new()
    {
        FileProvider = new PhysicalFileProvider(directory),
        Path = file,
        Optional = true,
        ReloadOnChange = false,
    };
}

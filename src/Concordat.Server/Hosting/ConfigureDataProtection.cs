using Concordat.Storage.Keys;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Hosting;

/// <summary>Keeps ASP.NET Core data protection keys in the hub's data directory rather than the user profile, so all state lives in one place.</summary>
internal sealed class ConfigureDataProtection : IConfigureOptions<KeyManagementOptions>
{
    private readonly ConcordatOptions _options;
    private readonly ILoggerFactory _loggers;

    public ConfigureDataProtection(IOptions<ConcordatOptions> options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _loggers = loggers;
    }

    public void Configure(KeyManagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.Combine(_options.KeysDirectoryPath, "data-protection");
        OwnerOnlyFiles.CreateDirectory(directory);
        options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(directory), _loggers);
    }
}

using Concordat.Storage.Keys;
using System.Globalization;
using System.Text;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Server.Auth;
using Concordat.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Demo;

/// <summary>
/// Seeds an empty hub with demo organisations, datasets and clients. Secrets are stored only as hashes, so the plain
/// ones are written once to <c>demo-credentials.txt</c> (mode 600) in the data directory. Idempotent: a database
/// that already has organisations is left alone.
/// </summary>
internal sealed class DemoSeeder
{
    /// <summary>The credentials file name in the data directory.</summary>
    public const string CredentialsFileName = "demo-credentials.txt";

    private readonly ICatalogueStore _catalogue;
    private readonly IClientStore _clients;
    private readonly ConcordatOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DemoSeeder> _logger;

    public DemoSeeder(ICatalogueStore catalogue, IClientStore clients, IOptions<ConcordatOptions> options, TimeProvider time, ILogger<DemoSeeder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalogue = catalogue;
        _clients = clients;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Seeds when the database has no organisations; returns whether it did.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        if ((await _catalogue.ListOrganisationsAsync(cancellationToken)).Count > 0)
        {
            DemoLog.Skipped(_logger);
            return false;
        }

        var now = _time.GetUtcNow();
        var credentials = new List<(ApiClient Client, string Secret)>();
        Expect(await _catalogue.CreateOrganisationAsync(new Organisation(DemoData.HubOrganisationId, "Concordat hub operator", now), cancellationToken));
        credentials.Add(await CreateClientAsync(new ApiClient(DemoData.AdminClientId, DemoData.HubOrganisationId, "Hub administrator", ClientRole.Admin, now), cancellationToken));
        foreach (var (id, name, homepage) in DemoData.Departments)
        {
            Expect(await _catalogue.CreateOrganisationAsync(new Organisation(id, name, now) { Homepage = homepage }, cancellationToken));
            credentials.Add(await CreateClientAsync(new ApiClient($"{id}-steward", id, $"{name} data steward", ClientRole.Steward, now), cancellationToken));
            credentials.Add(await CreateClientAsync(new ApiClient($"{id}-service", id, $"{name} consumer service", ClientRole.Consumer, now), cancellationToken));
            credentials.Add(await CreateClientAsync(new ApiClient($"{id}-dpo", id, $"{name} data protection officer", ClientRole.Dpo, now), cancellationToken));
        }

        var datasets = DemoData.Datasets(now);
        foreach (var dataset in datasets)
        {
            Expect(await _catalogue.CreateDatasetAsync(dataset, cancellationToken));
        }

        var path = Path.Combine(_options.DataDirectoryPath, CredentialsFileName);
        OwnerOnlyFiles.WriteOrReplace(path, CredentialsText(credentials, now));
        DemoLog.Seeded(_logger, DemoData.Departments.Count + 1, datasets.Count, credentials.Count, path);
        return true;
    }

    private async Task<(ApiClient, string)> CreateClientAsync(ApiClient client, CancellationToken cancellationToken)
    {
        var (secret, hash) = ClientSecretHash.Mint();
        Expect(await _clients.CreateClientAsync(client, hash, cancellationToken));
        return (client, secret);
    }

    private static void Expect<T>(Result<T> result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"Demo seeding failed: {result.Errors[0].Code}: {result.Errors[0].Message}");
        }
    }

    private static string CredentialsText(List<(ApiClient Client, string Secret)> credentials, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Concordat demo client credentials, generated {now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}.");
        text.AppendLine("# The hub stores only hashes of these secrets: this file is the only copy. Keep it private; delete it when done.");
        text.AppendLine("# Get a token: curl -s -u CLIENT_ID:CLIENT_SECRET -d grant_type=client_credentials HUB/oauth2/token (HUB is the address the hub logs when it starts listening)");
        text.AppendLine("# client_id organisation roles client_secret");
        foreach (var (client, secret) in credentials)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{client.ClientId} {client.OrganisationId} {string.Join(',', RoleNames.Of(client.Roles))} {secret}");
        }

        return text.ToString();
    }
}

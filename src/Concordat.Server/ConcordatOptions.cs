namespace Concordat.Server;

/// <summary>Settings of the hub process, bound from the <c>Concordat</c> configuration section and validated on start.</summary>
public sealed class ConcordatOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Concordat";

    /// <summary>Where keys, uploads, extracts and demo credentials live (and the default SQLite store); relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// The store: <c>sqlite:PATH</c> or a <c>postgresql://</c> URI. <c>--store</c> and <c>CONCORDAT_STORE</c> take
    /// precedence; unset, the store is <c>concordat.db</c> in <see cref="DataDirectory"/>. Read once at start-up.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>The <c>iss</c> of every access token the hub mints and the only issuer it accepts.</summary>
    public string Issuer { get; set; } = "urn:concordat:hub";

    /// <summary>How long an access token lives.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The hub's public address, used to mint identifiers in the DCAT catalogue and ODRL policies and as the OpenAPI
    /// server; when unset, the first address the hub listens on. Never taken from a request's Host header.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Whether an empty database is seeded with demonstration organisations, datasets and clients.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>Largest request body accepted by JSON endpoints, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Largest request body accepted by ingest upload endpoints, in bytes.</summary>
    public long MaxIngestBodyBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Requests one client (or, before authentication, one address) may make per <see cref="RateLimitWindow"/>.</summary>
    public int RateLimitPermits { get; set; } = 600;

    /// <summary>The fixed window over which <see cref="RateLimitPermits"/> is counted.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a bulk extract stays on the hub for its consumer to fetch.</summary>
    public TimeSpan ExtractLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Full path of the data directory.</summary>
    public string DataDirectoryPath => Path.GetFullPath(DataDirectory);

    /// <summary>Full path of the directory that holds the token signing key.</summary>
    public string KeysDirectoryPath => Path.Combine(DataDirectoryPath, "keys");
}

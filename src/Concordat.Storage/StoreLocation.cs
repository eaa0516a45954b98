using Concordat.Core;

namespace Concordat.Storage;

/// <summary>
/// Where the hub keeps its tables, chosen by one setting (<c>--store</c> or <c>CONCORDAT_STORE</c>):
/// <c>sqlite:PATH</c> for the embedded file, or a PostgreSQL URI (<c>postgresql://user:pass@host:5432/db</c>).
/// </summary>
public abstract record StoreLocation
{
    private protected StoreLocation()
    {
    }

    /// <summary>The environment variable that names the store when no <c>--store</c> is given.</summary>
    public const string EnvironmentVariable = "CONCORDAT_STORE";

    /// <summary>The database file name inside a data directory, for the default store.</summary>
    public const string DefaultFileName = "concordat.db";

    /// <summary>How the store is shown in logs and messages: never with a password.</summary>
    public abstract string Display { get; }

    /// <summary>The default store: the SQLite file <c>concordat.db</c> in the data directory.</summary>
    public static StoreLocation InDataDirectory(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        return new SqliteStoreLocation(Path.GetFullPath(Path.Combine(dataDirectory, DefaultFileName)));
    }

    /// <summary>
    /// Parses a store setting. Failures are one-line messages that never repeat a password, so they can be printed as
    /// they are.
    /// </summary>
    public static Result<StoreLocation> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Invalid("The store setting is empty: use sqlite:PATH or postgresql://user:password@host:5432/database.");
        }

        text = text.Trim();
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
            {
                return Invalid("The store 'sqlite:' needs a file path, e.g. sqlite:./data/concordat.db.");
            }

            try
            {
                return new SqliteStoreLocation(Path.GetFullPath(path));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                return Invalid($"The store path is not a usable file path: {ex.Message}");
            }
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal) is var at and > 0 ? text[..at] : null;
        if (scheme is not null && (scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase) || scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase)))
        {
            var parsed = PostgresUri.Parse(text);
            return parsed.IsSuccess ? parsed.Value : Result<StoreLocation>.Failure(parsed.Errors);
        }

        // Only the scheme is repeated: the rest could hold a password.
        return Invalid(scheme is null
            ? "The store setting is not understood: use sqlite:PATH or postgresql://user:password@host:5432/database."
            : $"The store scheme '{Shorten(scheme)}' is not supported: use sqlite:PATH or postgresql://user:password@host:5432/database.");
    }

    /// <summary>
    /// The store a host should open: the first setting given of <paramref name="explicitSetting"/> (<c>--store</c>),
    /// <paramref name="environmentSetting"/> (<c>CONCORDAT_STORE</c>) and <paramref name="configuredSetting"/>
    /// (<c>Concordat:Store</c>), else the SQLite file in <paramref name="dataDirectory"/>.
    /// </summary>
    public static Result<StoreLocation> Resolve(string? explicitSetting, string? environmentSetting, string? configuredSetting, string dataDirectory)
    {
        foreach (var setting in new[] { explicitSetting, environmentSetting, configuredSetting })
        {
            if (setting is not null)
            {
                return Parse(setting);
            }
        }

        return InDataDirectory(dataDirectory);
    }

    private static string Shorten(string scheme) => scheme.Length > 20 || scheme.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
        ? "(unreadable)"
        : scheme;

    internal static Result<StoreLocation> Invalid(string message) => Error.Validation("store.invalid", message, "store");
}

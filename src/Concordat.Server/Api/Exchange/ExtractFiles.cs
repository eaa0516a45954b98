using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Concordat.Core;
using Concordat.Core.Exchange;
using Concordat.Storage.Keys;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Api.Exchange;

/// <summary>
/// Where bulk extracts live until their consumer fetches them: <c>&lt;data&gt;/extracts/</c>, one data file and one
/// manifest per extract, owner-only. Extract ids are minted here and checked against a strict pattern before any path
/// is built, so no request can name a file outside the directory. Thread safe.
/// </summary>
public sealed partial class ExtractFiles
{
    private readonly string _directory;

    /// <summary>Creates the store under the hub's data directory.</summary>
    public ExtractFiles(IOptions<ConcordatOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = Path.Combine(options.Value.DataDirectoryPath, "extracts");
    }

    /// <summary>A new extract id, <c>ex-</c> and 20 hex digits.</summary>
    public static string NewId() => "ex-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    /// <summary>True when <paramref name="id"/> has the shape of an extract id.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Opens a new temporary data file for an extract.</summary>
    public FileStream CreateTemporary(string id)
    {
        OwnerOnlyFiles.CreateDirectory(_directory);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(PathOf(id, ".tmp"), options);
    }

    /// <summary>Publishes a finished extract: the data file takes its final name and the manifest is written beside it.</summary>
    public void Publish(string id, string organisationId, ExtractManifest manifest)
    {
        File.Move(PathOf(id, ".tmp"), PathOf(id, ".data"));
        var stored = new StoredExtract(organisationId, manifest);
        OwnerOnlyFiles.WriteOrReplace(PathOf(id, ".json"), JsonSerializer.Serialize(stored, ConcordatJson.Options));
    }

    /// <summary>Deletes a temporary data file left by a failed extract.</summary>
    public void Discard(string id)
    {
        var path = PathOf(id, ".tmp");
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>The manifest of an extract made by <paramref name="organisationId"/>, or null (unknown, another organisation's, or a malformed id).</summary>
    public async Task<ExtractManifest?> FindAsync(string id, string organisationId, CancellationToken cancellationToken)
    {
        if (!IsValidId(id) || !File.Exists(PathOf(id, ".json")))
        {
            return null;
        }

        await using var stream = File.OpenRead(PathOf(id, ".json"));
        var stored = await JsonSerializer.DeserializeAsync<StoredExtract>(stream, ConcordatJson.Options, cancellationToken);
        return stored is not null && string.Equals(stored.OrganisationId, organisationId, StringComparison.Ordinal) ? stored.Manifest : null;
    }

    /// <summary>Opens the data file of an extract whose manifest the caller has already found.</summary>
    public FileStream OpenData(string id) =>
        IsValidId(id) ? new FileStream(PathOf(id, ".data"), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous) : throw new ArgumentException("Not an extract id.", nameof(id));

    private string PathOf(string id, string extension) =>
        IsValidId(id) ? Path.Combine(_directory, id + extension) : throw new ArgumentException("Not an extract id.", nameof(id));

    [GeneratedRegex("^ex-[0-9a-f]{20}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    private sealed record StoredExtract(string OrganisationId, ExtractManifest Manifest);
}

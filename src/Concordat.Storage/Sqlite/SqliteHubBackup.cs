using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core;
using Concordat.Storage.Keys;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>
/// Online backup and restore of a SQLite hub: <c>concordat.db</c>, <c>audit.db</c> and the <c>keys/</c> directory, as
/// one set with a manifest (<see cref="ManifestName"/>) naming every file with its size and SHA-256.
/// </summary>
/// <remarks>
/// <para>The databases are copied with SQLite's online backup API while the hub runs: a reader in WAL mode blocks no
/// writer, and each copy is one consistent snapshot of its file.</para>
/// <para><b>Order matters</b>, because the three parts cannot be snapshotted together. <c>concordat.db</c> is copied
/// first, then the keys (and so the anchored last signed checkpoint), then <c>audit.db</c>. The audit engine stores a
/// checkpoint in the ledger before it advances the anchor, so the ledger copied after the anchor holds at least the
/// anchored tree and a restored hub opens its log instead of locking it as cut short; and an access recorded in
/// <c>concordat.db</c> (an extract, a queued notification) was audited before it was stored, so its entry is in the
/// later copy of <c>audit.db</c> too. The set may hold entries for effects the earlier <c>concordat.db</c> missed;
/// never the other way round.</para>
/// <para>Restore checks the whole set (every file the manifest names present with its size and digest, nothing
/// else, the databases passing <c>PRAGMA integrity_check</c>) before it writes anything, and writes only into an
/// empty or new data directory.</para>
/// </remarks>
public static class SqliteHubBackup
{
    /// <summary>The manifest's file name in a backup directory.</summary>
    public const string ManifestName = "concordat-backup.json";

    /// <summary>The manifest's format name.</summary>
    public const string FormatName = "concordat-backup/1";

    private const string HubDatabase = "concordat.db";
    private const string KeysDirectory = "keys";

    /// <summary>
    /// Backs up the hub whose SQLite store is <paramref name="databasePath"/> (with <c>audit.db</c> beside it) and whose
    /// keys are in <paramref name="keysDirectory"/> into <paramref name="target"/>, which must be new or empty.
    /// Returns the number of files written (the manifest excluded).
    /// </summary>
    public static async Task<Result<int>> BackupAsync(string databasePath, string keysDirectory, string target, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentNullException.ThrowIfNull(time);
        var auditPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, SqliteAuditLedger.FileName);
        if (!File.Exists(databasePath))
        {
            return Error.NotFound("backup.no_store", $"There is no hub database at {databasePath}.");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            return Error.Conflict("backup.target_not_empty", $"The backup directory {target} is not empty; give a new or empty one.");
        }

        OwnerOnlyFiles.CreateDirectory(target);
        var files = new List<string>();
        Copy(databasePath, Path.Combine(target, HubDatabase));
        files.Add(HubDatabase);
        var keysTarget = Path.Combine(target, KeysDirectory);
        OwnerOnlyFiles.CreateDirectory(keysTarget);
        if (Directory.Exists(keysDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(keysDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(keysDirectory, file);
                if (file.EndsWith(".lock", StringComparison.Ordinal) || file.EndsWith(".tmp", StringComparison.Ordinal))
                {
                    continue;
                }

                var destination = Path.Combine(keysTarget, relative);
                OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(destination)!);
                // The anchor is replaced by rename, so a read sees one whole version of it.
                await File.WriteAllBytesAsync(destination, await File.ReadAllBytesAsync(file, cancellationToken), cancellationToken);
                files.Add(Path.Combine(KeysDirectory, relative).Replace('\\', '/'));
            }
        }

        if (File.Exists(auditPath))
        {
            Copy(auditPath, Path.Combine(target, SqliteAuditLedger.FileName));
            files.Add(SqliteAuditLedger.FileName);
        }

        var manifest = new JsonObject
        {
            ["format"] = FormatName,
            ["created"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["files"] = new JsonArray(files.Select(f => (JsonNode)Describe(target, f)).ToArray()),
        };
        await File.WriteAllTextAsync(Path.Combine(target, ManifestName), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
        return files.Count;
    }

    /// <summary>
    /// Checks the backup in <paramref name="source"/> whole, then restores it as the data directory
    /// <paramref name="dataDirectory"/> (<c>concordat.db</c>, <c>audit.db</c>, <c>keys/</c>), which must be new or empty.
    /// Returns the number of files restored.
    /// </summary>
    public static async Task<Result<int>> RestoreAsync(string source, string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var checkedSet = await CheckAsync(source, cancellationToken);
        if (!checkedSet.IsSuccess)
        {
            return Result<int>.Failure(checkedSet.Errors);
        }

        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            return Error.Conflict("restore.target_not_empty", $"The data directory {dataDirectory} is not empty; restore into a new or empty one.");
        }

        OwnerOnlyFiles.CreateDirectory(dataDirectory);
        OwnerOnlyFiles.CreateDirectory(Path.Combine(dataDirectory, KeysDirectory));
        foreach (var file in checkedSet.Value)
        {
            var destination = Path.Combine(dataDirectory, file);
            OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(source, file), destination);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(destination, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return checkedSet.Value.Count;
    }

    /// <summary>Checks a backup set without restoring it: the files the manifest names, when they are all there and intact.</summary>
    public static async Task<Result<IReadOnlyList<string>>> CheckAsync(string source, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        var manifestPath = Path.Combine(source, ManifestName);
        if (!File.Exists(manifestPath))
        {
            return Error.Validation("restore.no_manifest", $"{source} is not a Concordat backup: it has no {ManifestName}.");
        }

        JsonNode? manifest;
        try
        {
            manifest = ConcordatJson.ParseNode(await File.ReadAllTextAsync(manifestPath, cancellationToken));
        }
        catch (JsonException)
        {
            return Error.Validation("restore.bad_manifest", $"{manifestPath} is not valid JSON.");
        }

        if (manifest?["format"]?.GetValueKind() != JsonValueKind.String || (string?)manifest["format"] != FormatName || manifest["files"] is not JsonArray entries)
        {
            return Error.Validation("restore.bad_manifest", $"{manifestPath} is not a {FormatName} manifest.");
        }

        var listed = new List<string>();
        foreach (var entry in entries)
        {
            var name = entry?["path"]?.GetValueKind() == JsonValueKind.String ? (string)entry["path"]! : null;
            var digest = entry?["sha256"]?.GetValueKind() == JsonValueKind.String ? (string)entry["sha256"]! : null;
            if (name is null || digest is null || name.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(name))
            {
                return Error.Validation("restore.bad_manifest", $"{manifestPath} lists a file without a safe path and digest.");
            }

            var path = Path.Combine(source, name);
            if (!File.Exists(path))
            {
                return Error.Validation("restore.incomplete", $"The backup is incomplete: {name} is missing.");
            }

            if (!string.Equals(await DigestAsync(path, cancellationToken), digest, StringComparison.Ordinal))
            {
                return Error.Validation("restore.mismatch", $"The backup does not match its manifest: {name} has another digest (changed, or from another backup).");
            }

            listed.Add(name);
        }

        // The anchor is not required: a hub that has not signed yet has none.
        foreach (var required in new[] { HubDatabase, SqliteAuditLedger.FileName })
        {
            if (!listed.Contains(required, StringComparer.Ordinal))
            {
                return Error.Validation("restore.incomplete", $"The backup is incomplete: it has no {required}.");
            }
        }

        var extra = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(source, f).Replace('\\', '/'))
            .Where(f => f != ManifestName && !listed.Contains(f, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (extra is not null)
        {
            return Error.Validation("restore.mismatch", $"The backup holds {extra}, which its manifest does not list.");
        }

        foreach (var database in new[] { HubDatabase, SqliteAuditLedger.FileName })
        {
            if (!IntegrityOk(Path.Combine(source, database)))
            {
                return Error.Validation("restore.damaged", $"The backup's {database} fails SQLite's integrity check.");
            }
        }

        return listed;
    }

    private static void Copy(string sourcePath, string destinationPath)
    {
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sourcePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString()))
        using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationPath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
        {
            source.Open();
            destination.Open();
            source.BackupDatabase(destination);
            // The copy is a single file: no -wal or -shm beside it. The hub turns WAL back on when it opens the file.
            using var command = destination.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE";
            command.ExecuteNonQuery();
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(destinationPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static bool IntegrityOk(string path)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            return command.ExecuteScalar() as string == "ok";
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static JsonObject Describe(string root, string relative)
    {
        var path = Path.Combine(root, relative);
        return new JsonObject
        {
            ["path"] = relative,
            ["bytes"] = new FileInfo(path).Length,
            ["sha256"] = DigestAsync(path, CancellationToken.None).GetAwaiter().GetResult(),
        };
    }

    private static async Task<string> DigestAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}

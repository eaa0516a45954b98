using System.CommandLine;
using Concordat.Storage;
using Concordat.Storage.Sqlite;

namespace Concordat.Cli.Commands;

/// <summary>
/// <c>concordat backup --to DIR</c> and <c>concordat restore --from DIR</c>: an online backup of a SQLite hub
/// (<c>concordat.db</c>, <c>audit.db</c>, <c>keys/</c>) with a manifest of digests, and its restore into a new data
/// directory after the whole set is checked (<see cref="SqliteHubBackup"/>). A PostgreSQL store is backed up with
/// PostgreSQL's own tools (docs/operations.md).
/// </summary>
internal static class BackupCommand
{
    public static Command CreateBackup()
    {
        var to = new Option<DirectoryInfo>("--to") { Description = "A new or empty directory for the backup set.", Required = true };
        var backup = new Command("backup", "Back up a running or stopped SQLite hub: concordat.db, audit.db and keys/, with a manifest of digests.") { to };
        backup.SetAction(async (parse, ct) =>
        {
            var dataDirectory = parse.GetValue(CliContext.DataOption)!.FullName;
            var store = StoreLocation.Resolve(parse.GetValue(CliContext.StoreOption), Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable), null, dataDirectory);
            if (!store.IsSuccess)
            {
                return CliOutput.Fail(store.Errors);
            }

            if (store.Value is not SqliteStoreLocation sqlite)
            {
                return CliOutput.Invalid("concordat backup copies a SQLite hub; back up a PostgreSQL store with pg_dump or pg_basebackup and copy the keys directory (docs/operations.md).");
            }

            var target = parse.GetValue(to)!.FullName;
            var result = await SqliteHubBackup.BackupAsync(sqlite.Path, Path.Combine(dataDirectory, "keys"), target, TimeProvider.System, ct);
            if (!result.IsSuccess)
            {
                return CliOutput.Fail(result.Errors);
            }

            CliOutput.Done($"Backed up {result.Value} files to {target} ({SqliteHubBackup.ManifestName} lists them with their digests).");
            return ExitCodes.Success;
        });
        return backup;
    }

    public static Command CreateRestore()
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "A backup set written by concordat backup.", Required = true };
        var restore = new Command("restore", "Restore a backup set into the --data directory, which must be new or empty; the whole set is checked first.") { from };
        restore.SetAction(async (parse, ct) =>
        {
            var dataDirectory = parse.GetValue(CliContext.DataOption)!.FullName;
            var source = parse.GetValue(from)!.FullName;
            var result = await SqliteHubBackup.RestoreAsync(source, dataDirectory, ct);
            if (!result.IsSuccess)
            {
                return CliOutput.Fail(result.Errors);
            }

            CliOutput.Done($"Restored {result.Value} files into {dataDirectory}; check the audit log with concordat audit verify before serving.");
            return ExitCodes.Success;
        });
        return restore;
    }
}

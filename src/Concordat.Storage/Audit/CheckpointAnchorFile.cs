using Concordat.Core.Audit;
using Concordat.Storage.Keys;

namespace Concordat.Storage.Audit;

/// <summary>
/// The last signed checkpoint kept outside the database (<see cref="ICheckpointAnchor"/>): a JSON file in the keys
/// directory beside the sealed keys, <c>audit-checkpoint.last.json</c>, in the form <c>concordat audit verify
/// --checkpoint</c> reads. It needs no sealing: it is a signed checkpoint, so it cannot be forged without the signing
/// key. It is replaced atomically (written to a temporary file, flushed to disk, renamed over the old one) under an
/// exclusive lock on <c>audit-checkpoint.last.lock</c>, so two processes sharing the directory never move it back.
/// </summary>
public sealed class CheckpointAnchorFile : ICheckpointAnchor
{
    /// <summary>The anchor's file name in the keys directory.</summary>
    public const string FileName = "audit-checkpoint.last.json";

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);
    private readonly string _lockPath;

    /// <summary>The anchor in <paramref name="keysDirectory"/> (created, owner-only, when missing).</summary>
    public CheckpointAnchorFile(string keysDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        OwnerOnlyFiles.CreateDirectory(keysDirectory);
        Location = Path.Combine(Path.GetFullPath(keysDirectory), FileName);
        _lockPath = Path.Combine(Path.GetFullPath(keysDirectory), "audit-checkpoint.last.lock");
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public async Task<Checkpoint?> ReadAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(Location, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException ex)
        {
            throw new AuditLogException($"The last signed checkpoint {Location} cannot be read: {ex.Message}", ex);
        }

        var parsed = AuditExportFormat.ReadCheckpoint(bytes);
        return parsed.IsSuccess
            ? parsed.Value
            : throw new AuditLogException($"The last signed checkpoint {Location} is not a checkpoint: {parsed.Errors[0].Message}");
    }

    /// <inheritdoc />
    public async Task<Checkpoint> AdvanceAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await using var held = await LockAsync(cancellationToken);
        if (await ReadAsync(cancellationToken) is { } current && current.TreeSize >= checkpoint.TreeSize)
        {
            return current;
        }

        OwnerOnlyFiles.WriteOrReplace(Location, AuditJson.Checkpoint(checkpoint) + "\n");
        return checkpoint;
    }

    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0 };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                return new FileStream(_lockPath, options);
            }
            catch (IOException) when (TimeProvider.System.GetElapsedTime(started) < LockWait)
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }
}

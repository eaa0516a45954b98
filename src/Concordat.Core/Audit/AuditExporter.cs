using System.Buffers;

namespace Concordat.Core.Audit;

/// <summary>
/// Writes a log as <see cref="AuditExportFormat"/> NDJSON to a stream: a header, then the entries page by page in
/// index order with each checkpoint after the entry that completes it. The export is a snapshot of the size when it
/// starts; entries appended meanwhile are left for the next export.
/// </summary>
public static class AuditExporter
{
    private const int PageSize = 2048;
    private const int FlushBytes = 256 * 1024;

    /// <summary>Writes the export; returns the number of entries written.</summary>
    public static async Task<long> WriteAsync(IAuditLog log, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(output);
        var size = await log.GetSizeAsync(cancellationToken);
        var buffer = new ArrayBufferWriter<byte>(FlushBytes * 2);
        AuditExportFormat.WriteHeader(buffer, new AuditExportHeader(AuditExportFormat.FormatName, log.Origin, size, log.PublicKey.KeyId));

        var checkpoints = new Queue<Checkpoint>();
        var checkpointsAfter = -1L;
        async Task RefillAsync()
        {
            if (checkpoints.Count == 0)
            {
                foreach (var checkpoint in await log.ListCheckpointsAsync(checkpointsAfter, PageSize, cancellationToken))
                {
                    checkpoints.Enqueue(checkpoint);
                    checkpointsAfter = checkpoint.TreeSize;
                }
            }
        }

        await RefillAsync();
        while (checkpoints.TryPeek(out var first) && first.TreeSize == 0)
        {
            AuditExportFormat.WriteCheckpoint(buffer, checkpoints.Dequeue());
            await RefillAsync();
        }

        var next = 0L;
        while (next < size)
        {
            var page = await log.ListEntriesAsync(next, (int)Math.Min(PageSize, size - next), cancellationToken);
            if (page.Count == 0)
            {
                throw new AuditLogException($"The audit log ended at entry {next} while exporting {size}.");
            }

            foreach (var entry in page)
            {
                AuditExportFormat.WriteEntry(buffer, entry);
                next = entry.Index + 1;
                while (checkpoints.TryPeek(out var checkpoint) && checkpoint.TreeSize <= next)
                {
                    if (checkpoint.TreeSize == next)
                    {
                        AuditExportFormat.WriteCheckpoint(buffer, checkpoint);
                    }

                    checkpoints.Dequeue();
                    await RefillAsync();
                }

                if (buffer.WrittenCount >= FlushBytes)
                {
                    await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                    buffer.ResetWrittenCount();
                }
            }
        }

        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return size;
    }
}

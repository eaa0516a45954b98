using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Concordat.Core.Audit;

/// <summary>JSON text of audit values for files and the console, in the export format's member names.</summary>
public static class AuditJson
{
    /// <summary>A checkpoint as a JSON object (the form <c>--checkpoint</c> reads back).</summary>
    public static string Checkpoint(Checkpoint checkpoint)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            AuditExportFormat.WriteCheckpointObject(json, checkpoint, withType: false);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

using System.Text.Json;
using Concordat.Core.Ingestion;

namespace Concordat.Server.Api.Records;

/// <summary>One version of a record.</summary>
/// <param name="Key">The record key (primary key values joined by <c>|</c>).</param>
/// <param name="Version">1 for the first version.</param>
/// <param name="RunId">The ingest run that wrote it.</param>
/// <param name="Deleted">True for a tombstone: the record left a full-refresh source.</param>
/// <param name="RecordedAt">When that run started (UTC).</param>
/// <param name="Fields">The record's fields; empty for a tombstone.</param>
public sealed record RecordResponse(string Key, int Version, long RunId, bool Deleted, DateTimeOffset RecordedAt, JsonElement Fields)
{
    /// <summary>Projects a stored version.</summary>
    public static RecordResponse From(RecordVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        using var document = JsonDocument.Parse(version.PayloadJson);
        return new(version.Key, version.Version, version.RunId, version.IsDeleted, version.RecordedAt, document.RootElement.Clone());
    }
}

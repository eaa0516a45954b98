namespace Concordat.Core.Ingestion;

/// <summary>A record of a batch that was not applied because an earlier row of the run applied its key.</summary>
/// <param name="Index">Its position in <see cref="IngestWriteBatch.Records"/>.</param>
/// <param name="AppliedRow">The source row whose record was applied for the key, when the store knows it.</param>
public readonly record struct DuplicateRecord(int Index, long? AppliedRow);

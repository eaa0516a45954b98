namespace Concordat.Core.Ingestion;

/// <summary>
/// What applying one <see cref="IngestWriteBatch"/> did: how many of its records were written as new or changed
/// versions, how many matched their current version, and which were duplicates of a key already applied in the run.
/// <c>Created + Updated + Unchanged + Duplicates.Count</c> equals the batch's record count.
/// </summary>
/// <param name="Created">Records of a key with no current version (new, or previously deleted): a version written.</param>
/// <param name="Updated">Records whose canonical content differs from the current version: a new version written, history kept.</param>
/// <param name="Unchanged">Records identical to their current version: nothing written.</param>
/// <param name="Duplicates">Records not applied because an earlier row of the run applied their key, in batch order.</param>
public sealed record IngestBatchResult(int Created, int Updated, int Unchanged, IReadOnlyList<DuplicateRecord> Duplicates)
{
    /// <summary>A batch that applied no records.</summary>
    public static IngestBatchResult Empty { get; } = new(0, 0, 0, []);
}

using Concordat.Core.Federation;
using Concordat.Storage.Keys;

namespace Concordat.Storage.Federation;

/// <summary>
/// The newest checkpoint of this node's audit log that carries a quorum of witness cosignatures, as the signed note
/// with the log's signature and every cosignature (<c>DATA/federation/witnessed-checkpoint.note</c>). Replaced
/// atomically, and never by a smaller tree. It needs no sealing: it is signed by the log and by the witnesses.
/// </summary>
public sealed class WitnessedCheckpointFile
{
    private readonly Lock _gate = new();

    /// <summary>The file under <paramref name="dataDirectory"/>.</summary>
    public WitnessedCheckpointFile(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Location = Path.Combine(Path.GetFullPath(dataDirectory), "federation", "witnessed-checkpoint.note");
    }

    /// <summary>The file's path.</summary>
    public string Location { get; }

    /// <summary>The note, or null when no checkpoint has been witnessed yet.</summary>
    public string? Read() => File.Exists(Location) ? File.ReadAllText(Location) : null;

    /// <summary>Keeps <paramref name="note"/> (of <paramref name="treeSize"/> entries) unless a larger tree is kept already.</summary>
    public bool Advance(string note, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(note);
        lock (_gate)
        {
            if (Read() is { } held && SignedNote.Parse(System.Text.Encoding.UTF8.GetBytes(held)) is { IsSuccess: true } parsed
                && TlogCheckpoint.Parse(parsed.Value.Text) is { IsSuccess: true } checkpoint && checkpoint.Value.TreeSize > treeSize)
            {
                return false;
            }

            OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(Location)!);
            OwnerOnlyFiles.WriteOrReplace(Location, note);
            return true;
        }
    }
}

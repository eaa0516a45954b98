namespace Concordat.Core.Federation;

/// <summary>Which witnesses cosigned a checkpoint and whether that meets a policy's quorum.</summary>
/// <param name="Satisfied">Whether the cosignatures meet the quorum.</param>
/// <param name="Quorum">The policy's quorum name (a witness, a group or <c>none</c>).</param>
/// <param name="Cosigned">The policy's witnesses whose cosignature verifies, by name, in ordinal order.</param>
/// <param name="Missing">The policy's witnesses with no valid cosignature, in policy order.</param>
public sealed record WitnessQuorum(bool Satisfied, string Quorum, IReadOnlyList<string> Cosigned, IReadOnlyList<string> Missing)
{
    /// <summary>One line for people: who cosigned and who is missing.</summary>
    public string Describe() =>
        $"quorum '{Quorum}' {(Satisfied ? "met" : "not met")}: cosigned by {(Cosigned.Count == 0 ? "no witness" : string.Join(", ", Cosigned))}"
        + (Missing.Count == 0 ? "" : $"; missing {string.Join(", ", Missing)}");
}

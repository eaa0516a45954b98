namespace Concordat.Cli.Commands;

/// <summary>A member in the operator's working copy (see <see cref="FederationState"/>).</summary>
internal sealed record FederationStateMember
{
    public required string OrganisationId { get; init; }

    public required string Name { get; init; }

    public required string NodeUrl { get; init; }

    /// <summary>SHA-256 thumbprints (base64url) of the node certificates the member may use.</summary>
    public required IReadOnlyList<string> Certificates { get; init; }

    /// <summary>The node's audit log key as a signed-note verifier key; its name is the log's origin.</summary>
    public required string AuditKey { get; init; }
}

namespace Concordat.Core.Federation;

/// <summary>A member organisation of the federation and its node.</summary>
/// <param name="OrganisationId">The organisation's id (a slug such as <c>hmrc</c>); node certificates carry it as <c>urn:concordat:org:&lt;id&gt;</c>.</param>
/// <param name="Name">The organisation's display name.</param>
/// <param name="NodeUrl">The base address of the node's federation listener (https, ending in <c>/</c>).</param>
/// <param name="Certificates">SHA-256 thumbprints (base64url) of the node certificates it may use; more than one while one replaces another.</param>
/// <param name="AuditLog">The node's audit log: its checkpoints' origin and verifier key.</param>
public sealed record FederationMember(string OrganisationId, string Name, Uri NodeUrl, IReadOnlyList<string> Certificates, FederationAuditLog AuditLog)
{
    /// <summary>Whether the member may use the certificate with this thumbprint.</summary>
    public bool Holds(string thumbprint) => Certificates.Contains(thumbprint, StringComparer.Ordinal);
}

namespace Concordat.Server.Federation;

/// <summary>How a node sees the member calling it.</summary>
/// <param name="OrganisationId">The calling member, as its certificate proves.</param>
/// <param name="CertificateThumbprint">The calling certificate's SHA-256 thumbprint (base64url).</param>
/// <param name="Node">The organisation of the node that answered.</param>
/// <param name="ConfigurationVersion">The configuration version the answering node decided under.</param>
public sealed record FederationPeerResponse(string OrganisationId, string CertificateThumbprint, string Node, long ConfigurationVersion);

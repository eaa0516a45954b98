namespace Concordat.Server.Api.Register;

/// <summary>
/// Another member's agreement as its node signed it: check that <c>SHA-256(base64-decoded body)</c> is the message's
/// <c>body</c> member and that the message's signature verifies with the certificate's key, which the federation
/// configuration lists for the provider.
/// </summary>
/// <param name="OrganisationId">The provider, whose node signed.</param>
/// <param name="Certificate">Base64 DER of the signing node certificate.</param>
/// <param name="Message">The signed agreement message, text (see docs/federation.md).</param>
/// <param name="Body">Base64 of the exact JSON the message covers: <c>{"entry": ..., "odrl": ...}</c>.</param>
public sealed record FederatedRegisterCopyResponse(string OrganisationId, string Certificate, string Message, string Body);

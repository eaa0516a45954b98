namespace Concordat.Server.Api.Clients;

/// <summary>A client just registered, with its secret. The secret is shown this once: the hub keeps only its hash.</summary>
/// <param name="Client">The client.</param>
/// <param name="ClientSecret">The secret to present at the token endpoint.</param>
public sealed record CreatedClientResponse(ClientResponse Client, string ClientSecret);

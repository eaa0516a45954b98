namespace Concordat.Server.Api.Clients;

/// <summary>Registers an API client of an organisation.</summary>
/// <param name="ClientId">Slug id, unique across the hub, e.g. <c>dwp-claims-service</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Roles">Roles to grant: <c>admin</c>, <c>steward</c>, <c>consumer</c>.</param>
public sealed record CreateClientRequest(string ClientId, string Name, IReadOnlyList<string> Roles);

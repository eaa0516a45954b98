namespace Concordat.Core.Catalogue;

/// <summary>An OAuth2 client (a service of an organisation) that authenticates with client credentials.</summary>
/// <param name="ClientId">Public identifier, e.g. <c>dwp-claims-service</c>.</param>
/// <param name="OrganisationId">The organisation the client acts for.</param>
/// <param name="Name">Display name.</param>
/// <param name="Roles">Granted roles.</param>
/// <param name="CreatedAt">When the client was registered (UTC).</param>
public sealed record ApiClient(string ClientId, string OrganisationId, string Name, ClientRole Roles, DateTimeOffset CreatedAt)
{
    /// <summary>When the client was disabled; a disabled client gets no tokens.</summary>
    public DateTimeOffset? DisabledAt { get; init; }
}

namespace Concordat.Core.Catalogue;

/// <summary>An OAuth2 client (a service of an organisation) that authenticates with client credentials.</summary>
/// <param name="ClientId">Public identifier, e.g. <c>dwp-claims-service</c>.</param>
/// <param name="OrganisationId">The organisation the client acts for.</param>
/// <param name="Name">Display name.</param>
/// <param name="Roles">Granted roles.</param>
/// <param name="CreatedAt">When the client was registered (UTC).</param>
public sealed record ApiClient(string ClientId, string OrganisationId, string Name, ClientRole Roles, DateTimeOffset CreatedAt)
{
    /// <summary>When the client was disabled; a disabled client gets no tokens, and the tokens it holds are refused.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>
    /// Whether a token naming this client, <paramref name="organisationId"/> and <paramref name="roles"/> may still be
    /// honoured: the client is not disabled, still acts for that organisation and still holds every one of those roles.
    /// A token outlives none of these changes.
    /// </summary>
    public bool Honours(string organisationId, ClientRole roles) =>
        DisabledAt is null && string.Equals(OrganisationId, organisationId, StringComparison.Ordinal) && (Roles & roles) == roles;
}

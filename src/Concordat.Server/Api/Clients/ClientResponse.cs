using Concordat.Core.Catalogue;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Clients;

/// <summary>An API client as the API shows it; never carries its secret.</summary>
/// <param name="ClientId">Client id.</param>
/// <param name="OrganisationId">The organisation it acts for.</param>
/// <param name="Name">Display name.</param>
/// <param name="Roles">Granted roles.</param>
/// <param name="CreatedAt">When it was registered (UTC).</param>
/// <param name="DisabledAt">When it was disabled, if it was.</param>
public sealed record ClientResponse(string ClientId, string OrganisationId, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt)
{
    /// <summary>Projects a stored client.</summary>
    public static ClientResponse From(ApiClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(client.ClientId, client.OrganisationId, client.Name, RoleNames.Of(client.Roles), client.CreatedAt, client.DisabledAt);
    }
}

using System.Security.Claims;
using Concordat.Core.Catalogue;

namespace Concordat.Server.Auth;

/// <summary>Who is calling: the authenticated client, its organisation and the roles its token grants.</summary>
/// <param name="ClientId">The client id (token subject).</param>
/// <param name="OrganisationId">The organisation the client acts for.</param>
/// <param name="Roles">Roles granted by the token.</param>
public sealed record CallerContext(string ClientId, string OrganisationId, ClientRole Roles)
{
    /// <summary>True for a hub administrator.</summary>
    public bool IsAdmin => Roles.HasFlag(ClientRole.Admin);

    /// <summary>True for a data steward (of <see cref="OrganisationId"/>).</summary>
    public bool IsSteward => Roles.HasFlag(ClientRole.Steward);

    /// <summary>Reads the caller from an authenticated principal; throws when the token lacks the claims the hub always mints.</summary>
    public static CallerContext From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true)
        {
            throw new InvalidOperationException("The caller is not authenticated; the endpoint is missing an authorization policy.");
        }

        var clientId = principal.FindFirstValue(ConcordatClaims.Subject)
            ?? throw new InvalidOperationException("The access token has no subject.");
        var organisationId = principal.FindFirstValue(ConcordatClaims.Organisation)
            ?? throw new InvalidOperationException("The access token has no organisation.");
        var roles = ClientRole.None;
        foreach (var claim in principal.FindAll(ConcordatClaims.Roles))
        {
            if (RoleNames.TryParse(claim.Value, out var role))
            {
                roles |= role;
            }
        }

        return new CallerContext(clientId, organisationId, roles);
    }

    /// <summary>
    /// Whether the caller may manage (write, and read the contents of) datasets and clients of an organisation:
    /// an administrator, or a steward of that organisation.
    /// </summary>
    public bool CanManage(string organisationId) =>
        IsAdmin || (IsSteward && string.Equals(OrganisationId, organisationId, StringComparison.Ordinal));
}

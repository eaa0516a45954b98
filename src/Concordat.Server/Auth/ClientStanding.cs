using System.Security.Claims;
using Concordat.Core.Catalogue;

namespace Concordat.Server.Auth;

/// <summary>
/// Checks on every authenticated request, cached token or not, that the token's client still stands: it exists, is not
/// disabled, acts for the token's organisation and holds every role the token grants (<see cref="ApiClient.Honours"/>).
/// One prepared, indexed read of the client's row, so a client disabled by any process (the CLI included) is refused
/// on its next request. Thread safe.
/// </summary>
internal sealed class ClientStanding
{
    private readonly IClientStore _clients;

    public ClientStanding(IClientStore clients) => _clients = clients;

    /// <summary>True when the principal's client may still use the token; the client id for the log, when known.</summary>
    public async Task<(bool Honoured, string? ClientId)> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var clientId = principal.FindFirstValue(ConcordatClaims.Subject);
        var organisationId = principal.FindFirstValue(ConcordatClaims.Organisation);
        if (clientId is null || organisationId is null)
        {
            return (false, clientId);
        }

        var roles = ClientRole.None;
        foreach (var claim in principal.FindAll(ConcordatClaims.Roles))
        {
            if (!RoleNames.TryParse(claim.Value, out var role))
            {
                return (false, clientId);
            }

            roles |= role;
        }

        var client = await _clients.GetClientAsync(clientId, cancellationToken);
        return (client is not null && client.Honours(organisationId, roles), clientId);
    }
}

using Concordat.Core;
using Concordat.Core.Governance;
using Concordat.Server.Auth;

namespace Concordat.Server.Api.Agreements;

/// <summary>Finds agreements for callers: parties (provider and consumer) and administrators see them; others get 404.</summary>
internal static class AgreementAccess
{
    /// <summary>The agreement if the caller is a party or an administrator.</summary>
    public static async Task<Result<Agreement>> FindVisibleAsync(AgreementService service, string id, CallerContext caller, CancellationToken cancellationToken)
    {
        var agreement = await service.GetAsync(id, cancellationToken);
        return agreement is not null && IsVisible(agreement, caller) ? agreement : NotFound(id);
    }

    /// <summary>Whether the caller may see the agreement's full details.</summary>
    public static bool IsVisible(Agreement agreement, CallerContext caller) =>
        caller.IsAdmin
        || string.Equals(caller.OrganisationId, agreement.Terms.ProviderOrganisationId, StringComparison.Ordinal)
        || string.Equals(caller.OrganisationId, agreement.Terms.ConsumerOrganisationId, StringComparison.Ordinal);

    /// <summary>The actor of a change.</summary>
    public static AgreementActor Actor(CallerContext caller) => new(caller.ClientId, caller.OrganisationId, caller.Roles);

    /// <summary>The not-found error, the same whether missing or hidden.</summary>
    public static Error NotFound(string id) => Error.NotFound("agreement.not_found", $"No agreement '{id}'.");
}

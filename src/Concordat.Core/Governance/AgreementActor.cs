using Concordat.Core.Catalogue;

namespace Concordat.Core.Governance;

/// <summary>Who is changing an agreement: the signed-in client, its organisation and its roles.</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="OrganisationId">The organisation the client acts for.</param>
/// <param name="Roles">The client's roles.</param>
public sealed record AgreementActor(string ClientId, string OrganisationId, ClientRole Roles)
{
    /// <summary>The hub itself, for changes the clock makes (activation, expiry).</summary>
    public static AgreementActor System { get; } = new("concordat-hub", "concordat-hub", ClientRole.None);

    /// <summary>True when the actor acts for <paramref name="organisationId"/>.</summary>
    public bool IsOf(string organisationId) => string.Equals(OrganisationId, organisationId, StringComparison.Ordinal);
}

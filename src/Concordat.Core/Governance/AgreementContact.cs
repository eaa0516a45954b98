namespace Concordat.Core.Governance;

/// <summary>A person to contact about an agreement.</summary>
/// <param name="OrganisationId">The organisation the contact speaks for (the provider or the consumer).</param>
/// <param name="Role">What they do for the agreement, e.g. <c>information asset owner</c>.</param>
/// <param name="Name">Name or team name.</param>
/// <param name="Email">E-mail address.</param>
public sealed record AgreementContact(string OrganisationId, string Role, string Name, string Email);

using Concordat.Core.Catalogue;

namespace Concordat.Server.Api.Organisations;

/// <summary>An organisation as the API shows it.</summary>
/// <param name="Id">Slug id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Homepage">Public web address.</param>
/// <param name="ContactEmail">Contact e-mail.</param>
/// <param name="CreatedAt">When it was registered (UTC).</param>
public sealed record OrganisationResponse(string Id, string Name, Uri? Homepage, string? ContactEmail, DateTimeOffset CreatedAt)
{
    /// <summary>Projects a stored organisation.</summary>
    public static OrganisationResponse From(Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return new(organisation.Id, organisation.Name, organisation.Homepage, organisation.ContactEmail, organisation.CreatedAt);
    }
}

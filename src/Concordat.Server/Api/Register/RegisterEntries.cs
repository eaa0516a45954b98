using Concordat.Core.Catalogue;
using Concordat.Core.Governance;

namespace Concordat.Server.Api.Register;

/// <summary>The public register's view of agreements, shared by the register API and the portal page.</summary>
internal static class RegisterEntries
{
    /// <summary>Whether an agreement is on the public register: once a version has both approvals, and for good.</summary>
    public static bool IsPublished(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return agreement.LastApprovedVersion is not null;
    }

    /// <summary>Every published agreement as the register shows it, optionally of one status, ordered by id.</summary>
    public static async Task<List<RegisterEntryResponse>> ListAsync(AgreementService service, ICatalogueStore catalogue, AgreementStatus? status, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(catalogue, cancellationToken);
        var entries = new List<RegisterEntryResponse>();
        foreach (var agreement in await service.ListAsync(null, cancellationToken))
        {
            if (IsPublished(agreement) && (status is null || agreement.Status == status))
            {
                entries.Add(RegisterEntryResponse.From(await ApprovedAsync(service, agreement, cancellationToken), names));
            }
        }

        return entries;
    }

    /// <summary>
    /// The agreement with its last approved terms: an amendment awaiting approval is not published, so the register
    /// shows the last approved version until then.
    /// </summary>
    public static async Task<Agreement> ApprovedAsync(AgreementService service, Agreement agreement, CancellationToken cancellationToken)
    {
        if (agreement.LastApprovedVersion is not { } approved || approved == agreement.Version)
        {
            return agreement;
        }

        var terms = await service.GetVersionAsync(agreement.Id, approved, cancellationToken);
        return terms is null ? agreement : agreement with { Version = approved, Terms = terms };
    }

    /// <summary>Organisation names by id; an unknown id names itself.</summary>
    public static async Task<Func<string, string>> NamesAsync(ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var organisations = (await catalogue.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        return id => organisations.GetValueOrDefault(id, id);
    }
}

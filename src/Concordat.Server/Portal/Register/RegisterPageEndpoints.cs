using Microsoft.AspNetCore.Http.HttpResults;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Api.Register;
using Concordat.Server.Portal.Pages;

namespace Concordat.Server.Portal.Register;

/// <summary>
/// The public register as portal pages, no sign-in: <c>/register</c> lists approved agreements (active and past),
/// <c>/register/{id}</c> shows one with what a citizen should know. Shows the same entries as
/// <c>/api/v1/register/agreements</c>: the last approved terms, never drafts or contacts.
/// </summary>
internal static class RegisterPageEndpoints
{
    /// <summary>The status filter values the list page accepts, in display order.</summary>
    public static IReadOnlyList<AgreementStatus> Filters { get; } =
        [AgreementStatus.Active, AgreementStatus.Approved, AgreementStatus.Suspended, AgreementStatus.Revoked, AgreementStatus.Expired];

    public static IEndpointRouteBuilder MapRegisterPages(this IEndpointRouteBuilder portal)
    {
        portal.MapGet("/register", ListAsync);
        portal.MapGet("/register/{id}", GetAsync);
        return portal;
    }

    /// <summary>The status of an agreement as of now: an approved agreement past its end date has ended.</summary>
    public static AgreementStatus StatusNow(Agreement agreement, TimeProvider time) => agreement.StatusAt(time.GetUtcNow());

    private static async Task<IResult> ListAsync(string? status, AgreementService service, ICatalogueStore catalogue, TimeProvider time, CancellationToken cancellationToken)
    {
        AgreementStatus? wanted = null;
        var invalid = false;
        if (!string.IsNullOrEmpty(status))
        {
            wanted = Filters.FirstOrDefault(s => string.Equals(s.ToString(), status, StringComparison.OrdinalIgnoreCase), AgreementStatus.Draft);
            invalid = wanted == AgreementStatus.Draft;
        }

        var names = (await catalogue.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var rows = new List<RegisterRow>();
        foreach (var agreement in await service.ListAsync(null, cancellationToken))
        {
            if (!RegisterEntries.IsPublished(agreement))
            {
                continue;
            }

            var approved = await RegisterEntries.ApprovedAsync(service, agreement, cancellationToken);
            var now = StatusNow(approved, time);
            if (!invalid && wanted is not null && now != wanted)
            {
                continue;
            }

            var terms = approved.Terms;
            rows.Add(new RegisterRow(
                approved.Id,
                terms.Title,
                names.GetValueOrDefault(terms.ProviderOrganisationId, terms.ProviderOrganisationId),
                names.GetValueOrDefault(terms.ConsumerOrganisationId, terms.ConsumerOrganisationId),
                now,
                terms.StartDate,
                terms.EndDate));
        }

        rows.Sort((a, b) => string.Compare(a.Title, b.Title, StringComparison.Ordinal));
        return new RazorComponentResult<RegisterPage>(new Dictionary<string, object?>
        {
            [nameof(RegisterPage.Rows)] = invalid ? [] : rows,
            [nameof(RegisterPage.Status)] = invalid ? null : wanted,
            [nameof(RegisterPage.InvalidStatus)] = invalid,
        })
        {
            StatusCode = invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
        };
    }

    private static async Task<IResult> GetAsync(string id, AgreementService service, ICatalogueStore catalogue, TimeProvider time, CancellationToken cancellationToken)
    {
        var agreement = await service.GetAsync(id, cancellationToken);
        if (agreement is null || !RegisterEntries.IsPublished(agreement))
        {
            return new RazorComponentResult<RegisterNotFoundPage>() { StatusCode = StatusCodes.Status404NotFound };
        }

        var approved = await RegisterEntries.ApprovedAsync(service, agreement, cancellationToken);
        var names = (await catalogue.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var datasets = new Dictionary<string, Dataset>(StringComparer.Ordinal);
        foreach (var shared in approved.Terms.Datasets)
        {
            if (await catalogue.GetDatasetAsync(shared.DatasetId, cancellationToken) is { } dataset)
            {
                datasets[dataset.Id] = dataset;
            }
        }

        return new RazorComponentResult<RegisterEntryPage>(new Dictionary<string, object?>
        {
            [nameof(RegisterEntryPage.Agreement)] = approved,
            [nameof(RegisterEntryPage.StatusNow)] = StatusNow(approved, time),
            [nameof(RegisterEntryPage.Provider)] = names.GetValueOrDefault(approved.Terms.ProviderOrganisationId, approved.Terms.ProviderOrganisationId),
            [nameof(RegisterEntryPage.Consumer)] = names.GetValueOrDefault(approved.Terms.ConsumerOrganisationId, approved.Terms.ConsumerOrganisationId),
            [nameof(RegisterEntryPage.Datasets)] = datasets,
        });
    }
}

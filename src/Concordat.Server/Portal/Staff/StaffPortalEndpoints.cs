using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Linkage;
using Concordat.Server.Portal.Agreements;
using Concordat.Server.Portal.Audit;
using Concordat.Server.Portal.Drafts;
using Concordat.Server.Portal.Impact;
using Concordat.Server.Portal.Linkage;
using Concordat.Server.Portal.Quality;
using Concordat.Server.Portal.Staff.Pages;
using Concordat.Server.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Server.Portal.Staff;

/// <summary>
/// The staff portal under <c>/staff</c>: every page needs a staff session (<see cref="StaffSchemes.Policy"/>; without
/// one the browser goes to the provider to sign in), and every form posted to it is checked for its anti-forgery
/// token before its handler runs.
/// </summary>
internal static class StaffPortalEndpoints
{
    public static IEndpointRouteBuilder MapStaffPortal(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaffPublicEndpoints();
        var staff = endpoints.MapGroup("/staff")
            .RequireAuthorization(StaffSchemes.Policy)
            .AddEndpointFilter(StaffEndpoints.ValidateFormAsync)
            .ExcludeFromDescription();
        staff.MapGet("", HomeAsync);
        staff.MapStaffSignOut();
        staff.MapAgreementPages();
        staff.MapDraftPages();
        staff.MapLinkagePages();
        staff.MapQualityPages();
        staff.MapImpactPages();
        staff.MapAuditPages();
        return endpoints;
    }

    private static async Task<IResult> HomeAsync(StaffUser user, AgreementService agreements, IWorkingDraftStore drafts, IPersonStore persons, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = user.Caller;
        var now = time.GetUtcNow();
        var waiting = (await agreements.ListAsync(caller.IsAdmin ? null : caller.OrganisationId, cancellationToken))
            .Where(a => AgreementActions.For(a, a.StatusAt(now), caller) is { DecideAsSteward: true } or { DecideAsDpo: true })
            .ToList();
        int? reviews = null;
        if (StaffAccess.MayReviewLinkage(caller))
        {
            reviews = (await persons.ListReviewsAsync(ReviewStatus.Pending, 0, 101, cancellationToken)).Count;
        }

        var parameters = StaffDirectory.With(user);
        parameters[nameof(StaffHomePage.Waiting)] = waiting;
        parameters[nameof(StaffHomePage.Drafts)] = await drafts.ListAsync(caller.OrganisationId, cancellationToken);
        parameters[nameof(StaffHomePage.PendingReviews)] = reviews;
        return new RazorComponentResult<StaffHomePage>(parameters);
    }
}

using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Portal.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Server.Portal.Impact;

/// <summary>
/// The impact dashboard: what sharing achieved for the member's organisation (everything, for an administrator), per
/// agreement and per month. Every staff role may see it: it holds counts only, over the agreements the member may see
/// (the API's own agreement list).
/// </summary>
internal static class ImpactPages
{
    private const int Months = 12;

    public static RouteGroupBuilder MapImpactPages(this RouteGroupBuilder staff)
    {
        staff.MapGet("/impact", ShowAsync);
        return staff;
    }

    private static async Task<IResult> ShowAsync(StaffUser user, AgreementService service, ICatalogueStore catalogue, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = user.Caller;
        var agreements = await service.ListAsync(caller.IsAdmin ? null : caller.OrganisationId, cancellationToken);
        var approvals = new Dictionary<string, ApprovalTime>(StringComparer.Ordinal);
        foreach (var agreement in agreements)
        {
            if (ApprovalTime.From(await service.HistoryAsync(agreement.Id, cancellationToken)) is { } approval)
            {
                approvals[agreement.Id] = approval;
            }
        }

        // A store without an audit log has no accesses to count (the hub refuses to start on one).
        var counts = services.GetService<IAuditLog>() is null
            ? new Dictionary<AccessCountKey, long>()
            : await services.GetRequiredService<AccessTally>().CountsAsync(cancellationToken);
        var owners = (await catalogue.ListDatasetsAsync(null, cancellationToken)).ToDictionary(d => d.Id, d => d.OrganisationId, StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var parameters = StaffDirectory.With(user);
        parameters[nameof(ImpactPage.Report)] = ImpactReport.Build(counts, agreements, approvals, caller.IsAdmin ? null : caller.OrganisationId, owners, Months, today);
        return new RazorComponentResult<ImpactPage>(parameters);
    }
}

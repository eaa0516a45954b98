using Concordat.Server.Auth;

namespace Concordat.Server.Portal;

/// <summary>
/// Which staff sections a signed-in member's roles open: the same role rules as the API's policies for the same data
/// (<see cref="AuthPolicies"/>). Within a section, each object is checked with the API's own decisions
/// (<c>AgreementAccess</c>, <c>DatasetAccess</c>, the audit read scope), so the portal never shows what the API would hide.
/// </summary>
internal static class StaffAccess
{
    /// <summary>Persons and the review queue join records of many organisations: hub administrators only (as <c>/api/v1/persons</c>).</summary>
    public static bool MayReviewLinkage(CallerContext caller) => caller.IsAdmin;

    /// <summary>Datasets' quality, runs and quarantine: stewards (of the owning organisation) and administrators (as <c>/api/v1/datasets/{id}/runs</c>).</summary>
    public static bool MayManageData(CallerContext caller) => caller.IsAdmin || caller.IsSteward;

    /// <summary>The audit log: administrators and data protection officers (as <c>/api/v1/audit</c>).</summary>
    public static bool MayReadAudit(CallerContext caller) =>
        caller.IsAdmin || caller.Roles.HasFlag(Core.Catalogue.ClientRole.Dpo);
}

using System.Globalization;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Api.Agreements;
using Concordat.Server.Api.Register;
using Concordat.Server.Portal.Forms;
using Concordat.Server.Portal.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Server.Portal.Agreements;

/// <summary>
/// The staff pages of agreements: the list, one agreement with the lifecycle forms its reader may use, its history
/// and the differences between versions. Every read goes through <see cref="AgreementAccess"/> (parties and
/// administrators see an agreement; anyone else gets "Page not found") and every step through
/// <see cref="AgreementService"/>, exactly as the API does.
/// </summary>
internal static class AgreementPages
{
    /// <summary>The steps a form may post, and the notice shown after each.</summary>
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["submitted"] = "The agreement was submitted for approval by the provider's data steward and data protection officer.",
        ["approved"] = "Your approval is recorded in the agreement's history.",
        ["rejected"] = "The agreement was sent back to draft with your reason.",
        ["suspended"] = "The agreement is suspended: nothing is shared under it until it is resumed.",
        ["resumed"] = "The agreement is resumed.",
        ["revoked"] = "The agreement is revoked. This is final.",
    };

    public static RouteGroupBuilder MapAgreementPages(this RouteGroupBuilder staff)
    {
        staff.MapGet("/agreements", ListAsync);
        staff.MapGet("/agreements/{id}", ShowAsync);
        staff.MapPost("/agreements/{id}/{step}", StepAsync);
        staff.MapGet("/agreements/{id}/history", HistoryAsync);
        staff.MapGet("/agreements/{id}/changes", ChangesAsync);
        return staff;
    }

    private static async Task<IResult> ListAsync(StaffUser user, AgreementService service, IWorkingDraftStore drafts, ICatalogueStore catalogue, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = user.Caller;
        var agreements = await service.ListAsync(caller.IsAdmin ? null : caller.OrganisationId, cancellationToken);
        var now = time.GetUtcNow();
        var parameters = StaffDirectory.With(user);
        parameters[nameof(AgreementListPage.Agreements)] = agreements.Select(a => (a, a.StatusAt(now))).OrderBy(a => a.a.Terms.Title, StringComparer.CurrentCulture).ToList();
        parameters[nameof(AgreementListPage.Drafts)] = await drafts.ListAsync(caller.OrganisationId, cancellationToken);
        parameters[nameof(AgreementListPage.Organisations)] = await StaffDirectory.OrganisationNamesAsync(catalogue, cancellationToken);
        return new RazorComponentResult<AgreementListPage>(parameters);
    }

    private static async Task<IResult> ShowAsync(string id, string? done, StaffUser user, AgreementService service, ICatalogueStore catalogue, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = await AgreementAccess.FindVisibleAsync(service, id, user.Caller, cancellationToken);
        if (!found.IsSuccess)
        {
            return PortalResults.NotFound();
        }

        var notice = done is not null && Notices.TryGetValue(done, out var text) ? text : null;
        return await PageAsync(user, found.Value, catalogue, time, FormErrors.None, null, notice, StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> StepAsync(
        string id, string step, HttpContext http, StaffUser user, AgreementService service, IWorkingDraftStore drafts, ICatalogueStore catalogue, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var found = await AgreementAccess.FindVisibleAsync(service, id, user.Caller, cancellationToken);
        if (!found.IsSuccess)
        {
            return PortalResults.NotFound();
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var actor = AgreementAccess.Actor(user.Caller);
        var reason = form["reason"].ToString() is { Length: > 0 } r && !string.IsNullOrWhiteSpace(r) ? r : null;
        if (step == "amend")
        {
            return await AmendAsync(found.Value, user, drafts, time, cancellationToken);
        }

        Result<Agreement> result;
        string formId;
        string done;
        switch (step)
        {
            case "submit":
                formId = "submit";
                done = "submitted";
                result = await service.SubmitAsync(id, actor, reason, cancellationToken);
                break;
            case "decide":
                var role = AgreementLifecycleEndpoints.ParseRole(form["role"].ToString());
                if (role is null)
                {
                    return PortalResults.NotFound();
                }

                formId = "decide-" + form["role"];
                var decision = form["decision"].ToString();
                if (decision is not ("approve" or "reject"))
                {
                    var missing = new FormErrors();
                    missing.Add(formId + "-decision", "Select whether you approve or reject this version");
                    return await PageAsync(user, found.Value, catalogue, time, missing, form, null, StatusCodes.Status400BadRequest, cancellationToken);
                }

                done = decision == "approve" ? "approved" : "rejected";
                result = decision == "approve"
                    ? await service.ApproveAsync(id, role.Value, actor, reason, cancellationToken)
                    : await service.RejectAsync(id, role.Value, actor, reason, cancellationToken);
                break;
            case "suspend":
                formId = "suspend";
                done = "suspended";
                result = await service.SuspendAsync(id, actor, reason, cancellationToken);
                break;
            case "resume":
                formId = "resume";
                done = "resumed";
                result = await service.ResumeAsync(id, actor, reason, cancellationToken);
                break;
            case "revoke":
                formId = "revoke";
                done = "revoked";
                result = await service.RevokeAsync(id, actor, reason, cancellationToken);
                break;
            default:
                return PortalResults.NotFound();
        }

        if (result.IsSuccess)
        {
            return Results.Redirect($"/staff/agreements/{Uri.EscapeDataString(id)}?done={done}");
        }

        var errors = new FormErrors();
        foreach (var error in result.Errors)
        {
            errors.Add(formId + "-reason", error.Message);
        }

        var current = await service.GetAsync(id, cancellationToken) ?? found.Value;
        return await PageAsync(user, current, catalogue, time, errors, form, null, StatusOf(result.Errors[0]), cancellationToken);
    }

    private static async Task<IResult> AmendAsync(Agreement agreement, StaffUser user, IWorkingDraftStore drafts, TimeProvider time, CancellationToken cancellationToken)
    {
        var actions = AgreementActions.For(agreement, agreement.StatusAt(time.GetUtcNow()), user.Caller);
        if (!actions.Amend)
        {
            return PortalResults.NoAccess("Only a data steward or data protection officer of a party may change an agreement that is still in force.");
        }

        var now = time.GetUtcNow();
        var draft = new WorkingDraft
        {
            Id = WorkingDraft.NewId(),
            OrganisationId = user.Caller.OrganisationId,
            CreatedBy = user.Caller.ClientId,
            AgreementId = agreement.Id,
            Amends = true,
            Draft = AgreementDraft.From(agreement.Terms),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await drafts.SaveAsync(draft, cancellationToken);
        return Results.Redirect($"/staff/drafts/{draft.Id}");
    }

    private static async Task<IResult> HistoryAsync(string id, StaffUser user, AgreementService service, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var found = await AgreementAccess.FindVisibleAsync(service, id, user.Caller, cancellationToken);
        if (!found.IsSuccess)
        {
            return PortalResults.NotFound();
        }

        var parameters = StaffDirectory.With(user);
        parameters[nameof(AgreementHistoryPage.Agreement)] = found.Value;
        parameters[nameof(AgreementHistoryPage.History)] = await service.HistoryAsync(id, cancellationToken);
        parameters[nameof(AgreementHistoryPage.Organisations)] = await StaffDirectory.OrganisationNamesAsync(catalogue, cancellationToken);
        return new RazorComponentResult<AgreementHistoryPage>(parameters);
    }

    private static async Task<IResult> ChangesAsync(string id, string? from, string? to, StaffUser user, AgreementService service, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var found = await AgreementAccess.FindVisibleAsync(service, id, user.Caller, cancellationToken);
        if (!found.IsSuccess)
        {
            return PortalResults.NotFound();
        }

        var agreement = found.Value;
        var toVersion = ParseVersion(to) ?? agreement.Version;
        var fromVersion = ParseVersion(from) ?? Math.Max(1, toVersion - 1);
        var errors = new FormErrors();
        if (fromVersion < 1 || fromVersion > agreement.Version)
        {
            errors.Add("from", $"Choose a version from 1 to {agreement.Version.ToString(CultureInfo.InvariantCulture)} to compare from");
        }

        if (toVersion < 1 || toVersion > agreement.Version)
        {
            errors.Add("to", $"Choose a version from 1 to {agreement.Version.ToString(CultureInfo.InvariantCulture)} to compare with");
        }

        AgreementTerms? before = null;
        AgreementTerms? after = null;
        if (!errors.Any)
        {
            before = await TermsAsync(service, agreement, fromVersion, cancellationToken);
            after = await TermsAsync(service, agreement, toVersion, cancellationToken);
        }

        var organisations = await StaffDirectory.OrganisationNamesAsync(catalogue, cancellationToken);
        var datasets = await StaffDirectory.DatasetsAsync(catalogue, cancellationToken);
        var parameters = StaffDirectory.With(user);
        parameters[nameof(AgreementChangesPage.Agreement)] = agreement;
        parameters[nameof(AgreementChangesPage.From)] = fromVersion;
        parameters[nameof(AgreementChangesPage.To)] = toVersion;
        parameters[nameof(AgreementChangesPage.Errors)] = errors;
        parameters[nameof(AgreementChangesPage.Differences)] = before is null || after is null
            ? []
            : TermDifference.Between(AgreementText.Rows(before, organisations, datasets), AgreementText.Rows(after, organisations, datasets));
        return new RazorComponentResult<AgreementChangesPage>(parameters) { StatusCode = errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK };
    }

    private static async Task<AgreementTerms?> TermsAsync(AgreementService service, Agreement agreement, int version, CancellationToken cancellationToken) =>
        version == agreement.Version ? agreement.Terms : await service.GetVersionAsync(agreement.Id, version, cancellationToken);

    private static int? ParseVersion(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : (text is null ? null : -1);

    /// <summary>Renders one agreement with its forms, errors and notice.</summary>
    internal static async Task<IResult> PageAsync(
        StaffUser user, Agreement agreement, ICatalogueStore catalogue, TimeProvider time, FormErrors errors, IFormCollection? form, string? notice, int status,
        CancellationToken cancellationToken)
    {
        var organisations = await StaffDirectory.OrganisationNamesAsync(catalogue, cancellationToken);
        var datasets = await StaffDirectory.DatasetsAsync(catalogue, cancellationToken);
        var now = agreement.StatusAt(time.GetUtcNow());
        var parameters = StaffDirectory.With(user);
        parameters[nameof(AgreementPage.Agreement)] = agreement;
        parameters[nameof(AgreementPage.StatusNow)] = now;
        parameters[nameof(AgreementPage.Rows)] = AgreementText.Rows(agreement.Terms, organisations, datasets);
        parameters[nameof(AgreementPage.Organisations)] = organisations;
        parameters[nameof(AgreementPage.Actions)] = AgreementActions.For(agreement, now, user.Caller);
        parameters[nameof(AgreementPage.Published)] = RegisterEntries.IsPublished(agreement);
        parameters[nameof(AgreementPage.Errors)] = errors;
        parameters[nameof(AgreementPage.Form)] = form;
        parameters[nameof(AgreementPage.Notice)] = notice;
        return new RazorComponentResult<AgreementPage>(parameters) { StatusCode = status };
    }

    /// <summary>The HTTP status of a refused step: 400 for a validation failure, 403 forbidden, 409 out of order, 404 otherwise.</summary>
    internal static int StatusOf(Error error) => error.Kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status404NotFound,
    };
}

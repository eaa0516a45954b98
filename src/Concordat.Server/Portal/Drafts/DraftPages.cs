using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Api.Agreements;
using Concordat.Server.Portal.Forms;
using Concordat.Server.Portal.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Server.Portal.Drafts;

/// <summary>
/// Writing an agreement with the GOV.UK task list pattern: a working draft is kept section by section; each section's
/// page shows the agreement validator's own messages for that section, linked to its inputs; the check page turns the
/// draft into an agreement (or a new version of one) through <see cref="AgreementService"/> and submits it for
/// approval. A working draft is seen only by its organisation's staff.
/// </summary>
internal static class DraftPages
{
    public static RouteGroupBuilder MapDraftPages(this RouteGroupBuilder staff)
    {
        staff.MapPost("/drafts", StartAsync);
        staff.MapGet("/drafts/{id}", TaskListAsync);
        staff.MapGet("/drafts/{id}/check", CheckAsync);
        staff.MapPost("/drafts/{id}/check", CreateAsync);
        staff.MapPost("/drafts/{id}/delete", DeleteAsync);
        staff.MapGet("/drafts/{id}/{section}", SectionAsync);
        // A dataset can have many fields, each with a checkbox and a transform: more form values than the hub's default.
        staff.MapPost("/drafts/{id}/{section}", SaveSectionAsync).WithFormOptions(valueCountLimit: 2048);
        return staff;
    }

    private static async Task<IResult> StartAsync(StaffUser user, IWorkingDraftStore drafts, TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.Caller.IsAdmin && !user.Caller.IsSteward)
        {
            return PortalResults.NoAccess("Agreements are drafted by the data stewards and data protection officers of the organisations that share.");
        }

        var now = time.GetUtcNow();
        var draft = new WorkingDraft
        {
            Id = WorkingDraft.NewId(),
            OrganisationId = user.Caller.OrganisationId,
            CreatedBy = user.Caller.ClientId,
            Draft = new AgreementDraft(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await drafts.SaveAsync(draft, cancellationToken);
        return Results.Redirect($"/staff/drafts/{draft.Id}");
    }

    private static async Task<IResult> TaskListAsync(string id, StaffUser user, IWorkingDraftStore drafts, ICatalogueStore catalogue, AgreementService service, CancellationToken cancellationToken)
    {
        var draft = await FindAsync(drafts, id, user, cancellationToken);
        if (draft is null)
        {
            return PortalResults.NotFound();
        }

        var problems = await ProblemsAsync(draft, catalogue, service, cancellationToken);
        var parameters = StaffDirectory.With(user);
        parameters[nameof(DraftTaskListPage.Draft)] = draft;
        parameters[nameof(DraftTaskListPage.Statuses)] = DraftSections.All.ToDictionary(s => s, s => DraftSections.Status(s, draft, problems));
        return new RazorComponentResult<DraftTaskListPage>(parameters);
    }

    private static async Task<IResult> SectionAsync(string id, string section, StaffUser user, IWorkingDraftStore drafts, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        var draft = await FindAsync(drafts, id, user, cancellationToken);
        if (draft is null || DraftSections.FromSlug(section) is not { } which)
        {
            return PortalResults.NotFound();
        }

        var datasets = await StaffDirectory.DatasetsAsync(catalogue, cancellationToken);
        if (DraftSections.Status(which, draft, []) == DraftTaskStatus.CannotStartYet)
        {
            return Results.Redirect($"/staff/drafts/{draft.Id}");
        }

        return await SectionPageAsync(which, user, draft, catalogue, datasets, FormErrors.None, null, cancellationToken);
    }

    private static async Task<IResult> SaveSectionAsync(
        string id, string section, HttpContext http, StaffUser user, IWorkingDraftStore drafts, ICatalogueStore catalogue, AgreementService service, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var draft = await FindAsync(drafts, id, user, cancellationToken);
        if (draft is null || DraftSections.FromSlug(section) is not { } which)
        {
            return PortalResults.NotFound();
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var datasets = await StaffDirectory.DatasetsAsync(catalogue, cancellationToken);
        var errors = new FormErrors();
        var updated = DraftForm.Apply(which, draft, form, datasets, errors) with { UpdatedAt = time.GetUtcNow() };
        await drafts.SaveAsync(updated, cancellationToken);

        if (which == DraftSection.Parties && !updated.Amends && !errors.Any)
        {
            // The workflow refuses a drafter who is neither party; say so here rather than at the end.
            var own = user.Caller.OrganisationId;
            if (updated.Draft.ProviderOrganisationId is { } p && updated.Draft.ConsumerOrganisationId is { } c && p != own && c != own)
            {
                errors.Add("provider", "Your organisation must be the provider or the consumer");
            }
        }

        foreach (var problem in await ProblemsAsync(updated, catalogue, service, cancellationToken))
        {
            var (at, fieldId) = DraftSections.Locate(problem.Target, updated.Draft);
            if (at == which && errors.For(fieldId) is null)
            {
                errors.Add(fieldId, problem.Message);
            }
        }

        // A filter just added or removed stays on the filters page; every other section returns to the task list.
        if (!errors.Any)
        {
            return Results.Redirect(which == DraftSection.Filters ? $"/staff/drafts/{updated.Id}/filters" : $"/staff/drafts/{updated.Id}");
        }

        return await SectionPageAsync(which, user, updated, catalogue, datasets, errors, form, cancellationToken);
    }

    private static async Task<IResult> CheckAsync(string id, StaffUser user, IWorkingDraftStore drafts, ICatalogueStore catalogue, AgreementService service, CancellationToken cancellationToken)
    {
        var draft = await FindAsync(drafts, id, user, cancellationToken);
        if (draft is null)
        {
            return PortalResults.NotFound();
        }

        return await CheckPageAsync(user, draft, catalogue, FormErrors.None, null, StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> CreateAsync(
        string id, HttpContext http, StaffUser user, IWorkingDraftStore drafts, ICatalogueStore catalogue, AgreementService service, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var draft = await FindAsync(drafts, id, user, cancellationToken);
        if (draft is null)
        {
            return PortalResults.NotFound();
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var reason = DraftForm.Text(form, "reason");
        var actor = AgreementAccess.Actor(user.Caller);
        var errors = new FormErrors();
        if (draft.Amends && reason is null)
        {
            errors.Add("reason", "Say why the terms are changing: it is kept in the agreement's history");
        }

        var reference = draft.AgreementId ?? "";
        var status = StatusCodes.Status400BadRequest;
        if (!errors.Any)
        {
            // The reference checks run here too, so a draft created elsewhere meanwhile is reported against its input.
            foreach (var problem in await ProblemsAsync(draft, catalogue, service, cancellationToken))
            {
                var (section, fieldId) = DraftSections.Locate(problem.Target, draft.Draft);
                errors.Add($"/staff/drafts/{draft.Id}/{DraftSections.Slug(section)}#{fieldId}", problem.Message);
            }
        }

        if (!errors.Any)
        {
            var result = draft.Amends
                ? await service.AmendAsync(reference, draft.Draft, actor, reason, cancellationToken)
                : await service.DraftAsync(reference, draft.Draft, actor, reason, cancellationToken);
            if (result.IsSuccess && result.Value.Status == AgreementStatus.Draft)
            {
                // A new agreement (or a changed draft) is submitted for approval straight away: that is what the button says.
                // It exists from here on, so a refused submission is shown on its own page, where it can be submitted again.
                await drafts.DeleteAsync(draft.Id, cancellationToken);
                var submitted = await service.SubmitAsync(reference, actor, null, cancellationToken);
                if (!submitted.IsSuccess)
                {
                    var refused = new FormErrors();
                    foreach (var error in submitted.Errors)
                    {
                        refused.Add("submit-reason", error.Message);
                    }

                    return await Agreements.AgreementPages.PageAsync(user, result.Value, catalogue, time, refused, null, null, Agreements.AgreementPages.StatusOf(submitted.Errors[0]), cancellationToken);
                }
            }

            if (!result.IsSuccess)
            {
                status = Agreements.AgreementPages.StatusOf(result.Errors[0]);
                foreach (var error in result.Errors)
                {
                    var (section, fieldId) = DraftSections.Locate(error.Target, draft.Draft);
                    errors.Add(error.Target is null ? "reason" : $"/staff/drafts/{draft.Id}/{DraftSections.Slug(section)}#{fieldId}", error.Message);
                }
            }
        }

        if (errors.Any)
        {
            return await CheckPageAsync(user, draft, catalogue, errors, reason, status, cancellationToken);
        }

        await drafts.DeleteAsync(draft.Id, cancellationToken);
        return Results.Redirect($"/staff/agreements/{Uri.EscapeDataString(reference)}?done=submitted");
    }

    private static async Task<IResult> DeleteAsync(string id, StaffUser user, IWorkingDraftStore drafts, CancellationToken cancellationToken)
    {
        var draft = await FindAsync(drafts, id, user, cancellationToken);
        if (draft is null)
        {
            return PortalResults.NotFound();
        }

        await drafts.DeleteAsync(draft.Id, cancellationToken);
        return Results.Redirect("/staff/agreements");
    }

    private static async Task<WorkingDraft?> FindAsync(IWorkingDraftStore drafts, string id, StaffUser user, CancellationToken cancellationToken)
    {
        var draft = await drafts.GetAsync(id, cancellationToken);
        // Another organisation's draft reads like one that does not exist.
        return draft is not null && string.Equals(draft.OrganisationId, user.Caller.OrganisationId, StringComparison.Ordinal) ? draft : null;
    }

    private static async Task<IReadOnlyList<Error>> ProblemsAsync(WorkingDraft draft, ICatalogueStore catalogue, AgreementService service, CancellationToken cancellationToken)
    {
        var datasets = await StaffDirectory.DatasetsAsync(catalogue, cancellationToken);
        var organisations = (await StaffDirectory.OrganisationNamesAsync(catalogue, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);
        var taken = !draft.Amends && draft.AgreementId is { Length: > 0 } reference && await service.GetAsync(reference, cancellationToken) is not null;
        return DraftSections.Problems(draft, datasets, organisations, taken);
    }

    private static async Task<IResult> SectionPageAsync(
        DraftSection section, StaffUser user, WorkingDraft draft, ICatalogueStore catalogue, IReadOnlyDictionary<string, Dataset> datasets, FormErrors errors, IFormCollection? form,
        CancellationToken cancellationToken)
    {
        var parameters = StaffDirectory.With(user);
        parameters[nameof(DraftSectionBase.Draft)] = draft;
        parameters[nameof(DraftSectionBase.Errors)] = errors;
        parameters[nameof(DraftSectionBase.Form)] = form;
        parameters[nameof(DraftSectionBase.Organisations)] = await StaffDirectory.OrganisationNamesAsync(catalogue, cancellationToken);
        parameters[nameof(DraftSectionBase.Datasets)] = datasets;
        var status = errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        return section switch
        {
            DraftSection.Parties => new RazorComponentResult<DraftPartiesPage>(parameters) { StatusCode = status },
            DraftSection.Purpose => new RazorComponentResult<DraftPurposePage>(parameters) { StatusCode = status },
            DraftSection.Gateway => new RazorComponentResult<DraftGatewayPage>(parameters) { StatusCode = status },
            DraftSection.Datasets => new RazorComponentResult<DraftDatasetsPage>(parameters) { StatusCode = status },
            DraftSection.Filters => new RazorComponentResult<DraftFiltersPage>(parameters) { StatusCode = status },
            DraftSection.Dates => new RazorComponentResult<DraftDatesPage>(parameters) { StatusCode = status },
            _ => new RazorComponentResult<DraftDpiaPage>(parameters) { StatusCode = status },
        };
    }

    private static async Task<IResult> CheckPageAsync(
        StaffUser user, WorkingDraft draft, ICatalogueStore catalogue, FormErrors errors, string? reason, int status, CancellationToken cancellationToken)
    {
        var parameters = StaffDirectory.With(user);
        parameters[nameof(DraftCheckPage.Draft)] = draft;
        parameters[nameof(DraftCheckPage.Errors)] = errors;
        parameters[nameof(DraftCheckPage.Reason)] = reason;
        parameters[nameof(DraftCheckPage.Organisations)] = await StaffDirectory.OrganisationNamesAsync(catalogue, cancellationToken);
        parameters[nameof(DraftCheckPage.Datasets)] = await StaffDirectory.DatasetsAsync(catalogue, cancellationToken);
        return new RazorComponentResult<DraftCheckPage>(parameters) { StatusCode = status };
    }
}

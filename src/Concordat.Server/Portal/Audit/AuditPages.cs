using System.Globalization;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Server.Portal.Forms;
using Concordat.Server.Portal.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Server.Portal.Audit;

/// <summary>
/// The audit log for data protection officers and administrators, read through Core's <see cref="AuditReader"/> in
/// the member's <see cref="AuditReadScope"/> (a DPO sees the entries about their organisation's data, an administrator
/// all; an entry outside the scope is "Page not found" like a missing one): accesses newest first, filtered by
/// outcome, action, agreement and dataset; an entry with the signed checkpoints that include it, each checked; and the
/// entry's inclusion proof to download and check offline.
/// </summary>
internal static class AuditPages
{
    private const int PageSize = 50;
    private const string NoAccessReason = "The audit log is for data protection officers and hub administrators.";

    /// <summary>The actions an entry may record, for the filter, in the words the page shows.</summary>
    public static IReadOnlyList<Choice> Actions { get; } =
    [
        new("lookup", "Look-up"),
        new("verify", "Verification"),
        new("extract", "Extract"),
        new("extract-manifest", "Extract manifest"),
        new("extract-download", "Extract download"),
        new("aggregate", "Aggregate"),
        new("subscribe", "Subscription"),
        new("notify", "Notification"),
        new("subject-access", "Subject access"),
        new("record-read", "Record read"),
        new("record-list", "Records listed"),
        new("record-history", "Record history"),
        new("person-read", "Person read"),
        new("review-read", "Review pair read"),
        new("quarantine-read", "Quarantine read"),
        new("quarantine-download", "Quarantine download"),
    ];

    public static RouteGroupBuilder MapAuditPages(this RouteGroupBuilder staff)
    {
        staff.MapGet("/audit", ListAsync);
        staff.MapGet("/audit/{index:long}", EntryAsync);
        staff.MapGet("/audit/{index:long}/proof.json", ProofAsync);
        staff.MapPost("/audit/checkpoints", SignAsync);
        return staff;
    }

    /// <summary>The member's audit scope, or null when their roles give none.</summary>
    public static AuditReadScope? ScopeOf(StaffUser user) => AuditReadScope.For(user.Caller.OrganisationId, user.Caller.Roles);

    private static async Task<IResult> ListAsync(
        string? outcome, string? action, string? agreement, string? dataset, string? before, StaffUser user, AuditReader reader, IAuditLog log,
        AgreementService agreements, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        if (ScopeOf(user) is not { } scope)
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        var filter = new AuditEntryFilter
        {
            Outcome = outcome switch { "permitted" => AuditOutcome.Permitted, "denied" => AuditOutcome.Denied, _ => null },
            Action = Actions.Any(a => a.Value == action) ? action : null,
            AgreementId = string.IsNullOrWhiteSpace(agreement) ? null : agreement.Trim(),
            DatasetId = string.IsNullOrWhiteSpace(dataset) ? null : dataset.Trim(),
        };
        long? cursor = long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : null;
        var (items, next) = await reader.ListNewestFirstAsync(scope, filter, cursor, PageSize, cancellationToken);
        var latest = await log.GetLatestCheckpointAsync(cancellationToken);
        var parameters = StaffDirectory.With(user);
        parameters[nameof(AuditListPage.Entries)] = items;
        parameters[nameof(AuditListPage.Next)] = next;
        parameters[nameof(AuditListPage.FirstPage)] = cursor is null;
        parameters[nameof(AuditListPage.Filter)] = filter;
        parameters[nameof(AuditListPage.Scope)] = scope;
        parameters[nameof(AuditListPage.Latest)] = latest is null ? null : await AuditEvidence.CheckAsync(log, latest, cancellationToken);
        parameters[nameof(AuditListPage.Agreements)] = await AgreementTitlesAsync(user, agreements, cancellationToken);
        parameters[nameof(AuditListPage.Datasets)] = await StaffDirectory.DatasetsAsync(catalogue, cancellationToken);
        parameters[nameof(AuditListPage.Organisations)] = await StaffDirectory.OrganisationNamesAsync(catalogue, cancellationToken);
        return new RazorComponentResult<AuditListPage>(parameters);
    }

    private static async Task<IResult> EntryAsync(
        long index, string? done, StaffUser user, AuditReader reader, IAuditLog log, AgreementService agreements, ICatalogueStore catalogue, CancellationToken cancellationToken)
    {
        if (ScopeOf(user) is not { } scope)
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        if (await reader.GetEntryAsync(scope, index, cancellationToken) is not { } entry)
        {
            return PortalResults.NotFound();
        }

        EntryProof? first = null;
        EntryProof? latest = null;
        bool? extends = null;
        if (await AuditEvidence.FirstCoveringAsync(log, index, cancellationToken) is { } covering)
        {
            first = await AuditEvidence.ProveAsync(log, entry, covering, cancellationToken);
            var newest = await log.GetLatestCheckpointAsync(cancellationToken);
            if (newest is not null && newest.TreeSize > covering.TreeSize)
            {
                latest = await AuditEvidence.ProveAsync(log, entry, newest, cancellationToken);
                extends = await AuditEvidence.ExtendsAsync(log, covering, newest, cancellationToken);
            }
        }

        var parameters = StaffDirectory.With(user);
        parameters[nameof(AuditEntryPage.Entry)] = entry;
        parameters[nameof(AuditEntryPage.First)] = first;
        parameters[nameof(AuditEntryPage.Latest)] = latest;
        parameters[nameof(AuditEntryPage.Extends)] = extends;
        parameters[nameof(AuditEntryPage.Notice)] = done == "signed" ? "A checkpoint of the log as it is now has been signed." : null;
        parameters[nameof(AuditEntryPage.Agreements)] = await AgreementTitlesAsync(user, agreements, cancellationToken);
        parameters[nameof(AuditEntryPage.Datasets)] = await StaffDirectory.DatasetsAsync(catalogue, cancellationToken);
        parameters[nameof(AuditEntryPage.Organisations)] = await StaffDirectory.OrganisationNamesAsync(catalogue, cancellationToken);
        return new RazorComponentResult<AuditEntryPage>(parameters);
    }

    // The proof against the newest checkpoint that covers the entry: what a DPO keeps to show the entry was logged.
    private static async Task<IResult> ProofAsync(long index, StaffUser user, AuditReader reader, IAuditLog log, CancellationToken cancellationToken)
    {
        if (ScopeOf(user) is not { } scope)
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        if (await reader.GetEntryAsync(scope, index, cancellationToken) is not { } entry
            || await log.GetLatestCheckpointAsync(cancellationToken) is not { } latest
            || latest.TreeSize <= index)
        {
            return PortalResults.NotFound();
        }

        var proof = await AuditEvidence.ProveAsync(log, entry, latest, cancellationToken);
        var name = $"audit-entry-{index.ToString(CultureInfo.InvariantCulture)}-proof.json";
        return Results.File(EntryProofFile.Write(proof, log.PublicKey), "application/json", name);
    }

    private static async Task<IResult> SignAsync(HttpContext http, StaffUser user, IAuditLog log, CancellationToken cancellationToken)
    {
        if (ScopeOf(user) is null)
        {
            return PortalResults.NoAccess(NoAccessReason);
        }

        await log.CheckpointAsync(cancellationToken);
        var form = await http.Request.ReadFormAsync(cancellationToken);
        return long.TryParse(form["entry"], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? Results.Redirect($"/staff/audit/{index.ToString(CultureInfo.InvariantCulture)}?done=signed")
            : Results.Redirect("/staff/audit");
    }

    private static async Task<IReadOnlyDictionary<string, string>> AgreementTitlesAsync(StaffUser user, AgreementService agreements, CancellationToken cancellationToken) =>
        (await agreements.ListAsync(user.Caller.IsAdmin ? null : user.Caller.OrganisationId, cancellationToken))
            .ToDictionary(a => a.Id, a => a.Terms.Title, StringComparer.Ordinal);
}

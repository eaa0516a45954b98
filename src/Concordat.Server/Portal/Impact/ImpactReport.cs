using System.Globalization;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;

namespace Concordat.Server.Portal.Impact;

/// <summary>
/// The impact dashboard's figures for one member: from the audit log's counts (<see cref="AccessTally"/>) and the
/// agreements' histories, limited to the agreements the member may see (their organisation's, or all for an
/// administrator) and to refusals under no agreement that concern their organisation (it asked, or it holds the dataset).
/// Counts only: no person and no free text reaches the page.
/// </summary>
public sealed record ImpactReport(
    ImpactFigures Total,
    IReadOnlyList<ImpactFigures> ByAgreement,
    IReadOnlyList<ImpactFigures> ByMonth,
    IReadOnlyList<RefusalCount> Refusals)
{
    /// <summary>The actions that answer a request for data.</summary>
    public static readonly IReadOnlySet<string> AnsweringActions = new HashSet<string>(StringComparer.Ordinal) { "lookup", "verify", "extract", "aggregate" };

    /// <summary>
    /// Stewards' and administrators' own reads of records, persons and quarantine: audited, but not sharing, so never
    /// counted as requests refused.
    /// </summary>
    public static readonly IReadOnlySet<string> StaffReadActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "record-list", "record-read", "record-history", "person-list", "person-read", "review-list", "review-read", "quarantine-read", "quarantine-download",
    };

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Builds the report.</summary>
    /// <param name="counts">The audit log's counts.</param>
    /// <param name="agreements">The agreements the member may see.</param>
    /// <param name="approvals">Their approval times, where approved.</param>
    /// <param name="organisationId">The member's organisation, or null for an administrator (everything).</param>
    /// <param name="datasetOwners">Each dataset's owning organisation.</param>
    /// <param name="months">How many months, up to this one, to show.</param>
    /// <param name="today">Today (UTC).</param>
    public static ImpactReport Build(
        IReadOnlyDictionary<AccessCountKey, long> counts,
        IReadOnlyList<Agreement> agreements,
        IReadOnlyDictionary<string, ApprovalTime> approvals,
        string? organisationId,
        IReadOnlyDictionary<string, string> datasetOwners,
        int months,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(approvals);
        ArgumentNullException.ThrowIfNull(datasetOwners);
        var visible = agreements.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var mine = counts.Where(c => Concerns(c.Key, visible, organisationId, datasetOwners)).ToList();

        var byAgreement = agreements
            .OrderBy(a => a.Terms.Title, StringComparer.CurrentCulture)
            .Select(a =>
            {
                var of = mine.Where(c => c.Key.AgreementId == a.Id).ToList();
                var time = approvals.GetValueOrDefault(a.Id);
                return Figures(a.Terms.Title, "/staff/agreements/" + Uri.EscapeDataString(a.Id), of, time is null ? [] : [time]);
            })
            .ToList();

        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var byMonth = Enumerable.Range(0, months)
            .Select(back => thisMonth.AddMonths(-back))
            .Select(month => Figures(
                month.ToString("MMMM yyyy", English),
                null,
                mine.Where(c => c.Key.Month == month).ToList(),
                approvals.Values.Where(t => t.ApprovedAt.Year == month.Year && t.ApprovedAt.Month == month.Month).ToList()))
            .ToList();

        var refusals = mine.Where(c => c.Key.Outcome == AuditOutcome.Denied && !StaffReadActions.Contains(c.Key.Action))
            .GroupBy(c => c.Key.ReasonCode ?? "unknown", StringComparer.Ordinal)
            .Select(g => new RefusalCount(g.Key, ReasonText(g.Key), g.Sum(c => c.Value)))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();

        return new ImpactReport(Figures("Everything you can see", null, mine, [.. approvals.Values]), byAgreement, byMonth, refusals);
    }

    /// <summary>A refusal reason code in words.</summary>
    public static string ReasonText(string code) => code switch
    {
        "policy.no_agreement" => "No agreement was named, or it does not exist",
        "policy.agreement_not_approved" => "The agreement is not approved yet",
        "policy.agreement_not_yet_active" => "The agreement has not started yet",
        "policy.agreement_expired" => "The agreement has ended",
        "policy.agreement_suspended" => "The agreement is suspended",
        "policy.agreement_revoked" => "The agreement was revoked",
        "policy.not_consumer" => "The asker is not the agreement's consumer",
        "policy.dataset_not_covered" => "The agreement does not cover the dataset",
        "policy.field_not_permitted" => "A field asked for is not shared by the agreement",
        "policy.purpose_mismatch" => "The purpose stated is not the agreement's",
        "policy.consent_not_given" => "The person has not consented",
        "policy.consent_withdrawn" => "The person withdrew their consent",
        "policy.invalid_request" => "The request was not well formed",
        "exchange.invalid_identifier" => "The identifier was not valid",
        "exchange.identifier_not_held" => "The dataset holds no such identifier",
        "exchange.aggregate_only" => "The agreement shares aggregate figures only",
        "exchange.invalid_claims" => "The verification's claims were not well formed",
        "exchange.invalid_aggregate" => "The aggregate query was not well formed",
        "exchange.dataset_not_found" => "The dataset does not exist",
        _ => code,
    };

    // An entry concerns the member when it names an agreement they may see, or, under no agreement they may see, when
    // their organisation asked or holds the dataset (the same organisations the audit read scope uses).
    private static bool Concerns(AccessCountKey key, HashSet<string> visible, string? organisationId, IReadOnlyDictionary<string, string> owners)
    {
        if (organisationId is null)
        {
            return true;
        }

        if (key.AgreementId is { } agreement && visible.Contains(agreement))
        {
            return true;
        }

        return key.AgreementId is null
            && (key.OrganisationId == organisationId || (key.DatasetId is { } dataset && owners.GetValueOrDefault(dataset) == organisationId));
    }

    private static ImpactFigures Figures(string label, string? href, List<KeyValuePair<AccessCountKey, long>> counts, List<ApprovalTime> approved) => new(
        label,
        href,
        counts.Where(c => c.Key.Outcome == AuditOutcome.Permitted && AnsweringActions.Contains(c.Key.Action)).Sum(c => c.Value),
        // A verification that found the person's record checked the citizen's claim without asking them for evidence.
        counts.Where(c => c.Key.Outcome == AuditOutcome.Permitted && c.Key.Action == "verify" && c.Key.ReasonCode is null).Sum(c => c.Value),
        counts.Where(c => c.Key.Outcome == AuditOutcome.Denied && !StaffReadActions.Contains(c.Key.Action)).Sum(c => c.Value),
        approved.Count,
        ApprovalTime.Median(approved.Select(a => a.Days)));
}

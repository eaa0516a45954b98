using System.Globalization;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;

namespace Concordat.Server.Portal.Audit;

/// <summary>How the audit pages word entries and checks.</summary>
internal static class AuditText
{
    /// <summary>An action in words, or the action itself when the page does not know it.</summary>
    public static string Action(string action) => AuditPages.Actions.FirstOrDefault(a => a.Value == action)?.Text ?? action;

    /// <summary>The GOV.UK tag class and text of an outcome.</summary>
    public static (string Class, string Text) Outcome(AuditOutcome outcome) => outcome == AuditOutcome.Permitted
        ? ("govuk-tag govuk-tag--green", "Permitted")
        : ("govuk-tag govuk-tag--red", "Refused");

    /// <summary>The GOV.UK tag class and text of a check.</summary>
    public static (string Class, string Text) Check(bool passed) => passed
        ? ("govuk-tag govuk-tag--green", "Verified")
        : ("govuk-tag govuk-tag--red", "Failed");

    /// <summary>An entry's index as the pages show it, e.g. "Entry 1,204".</summary>
    public static string Entry(long index) => "Entry " + index.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>A whole number with thousands separators.</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>An agreement's title with its id, or the id when the member may not see the agreement.</summary>
    public static string Agreement(string? id, IReadOnlyDictionary<string, string> titles) =>
        id is null ? "None" : titles.TryGetValue(id, out var title) ? $"{title} ({id})" : id;

    /// <summary>A dataset's title, or its id when it is not in the catalogue.</summary>
    public static string Dataset(string? id, IReadOnlyDictionary<string, Dataset> datasets) =>
        id is null ? "None" : datasets.TryGetValue(id, out var dataset) ? dataset.Title : id;

    /// <summary>Who asked: the organisation's name and the client or member that acted for it.</summary>
    public static string Who(AuditEntry entry, IReadOnlyDictionary<string, string> organisations) =>
        $"{organisations.GetValueOrDefault(entry.OrganisationId, entry.OrganisationId)} ({entry.ClientId})";
}

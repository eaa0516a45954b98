using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Linkage;
using Concordat.Server.Api.Audit;

namespace Concordat.Server.Portal.Staff;

/// <summary>
/// Audits the staff portal's reads of people's data like the API's data routes (DESIGN.md, "What is audited"): a page
/// that shows records, persons or quarantined rows appends one entry for the member, before it is answered, naming
/// the people shown by their subject keys where a record holds a National Insurance number, so each of them finds the
/// read in their own view. If the entry cannot be written the page fails and shows nothing.
/// </summary>
internal static class StaffReads
{
    /// <summary>Reading a pair of the clerical review queue with both records.</summary>
    public const string ReviewRead = "review-read";

    /// <summary>Reading a person with their golden record and source records.</summary>
    public const string PersonRead = "person-read";

    /// <summary>Reading a run's quarantined rows on its page.</summary>
    public const string QuarantineRead = "quarantine-read";

    /// <summary>Downloading a run's quarantined rows as CSV.</summary>
    public const string QuarantineDownload = "quarantine-download";

    /// <summary>The purpose recorded for linkage reads.</summary>
    public const string LinkagePurpose = "linkage-review";

    /// <summary>The purpose recorded for quarantine reads.</summary>
    public const string QualityPurpose = "data-quality";

    /// <summary>Appends the member's read of <paramref name="records"/> (from datasets described in <paramref name="datasets"/>).</summary>
    public static async Task RecordAsync(
        HttpContext http, StaffUser user, string action, string purpose, string? datasetId, IEnumerable<HubRecord> records,
        IReadOnlyDictionary<string, Dataset> datasets, CancellationToken cancellationToken)
    {
        var trail = http.RequestServices.GetRequiredService<AuditTrail>();
        var subjects = new List<SubjectKey>();
        foreach (var record in records)
        {
            if (!datasets.TryGetValue(record.Ref.DatasetId, out var dataset))
            {
                continue;
            }

            foreach (var field in dataset.Schema.Fields.Where(f => f.Identifier == IdentifierKind.Nino))
            {
                if (record.Fields.GetValueOrDefault(field.Name) is { Length: > 0 } value && trail.SubjectKey(IdentifierKind.Nino, value) is { IsSuccess: true } key
                    && !subjects.Contains(key.Value))
                {
                    subjects.Add(key.Value);
                }
            }
        }

        await trail.RecordAsync(http, user.Caller, new AuditAccess(action, purpose, null, datasetId, [], AuditOutcome.Permitted, null, subjects), cancellationToken);
    }
}

using Concordat.Core.Audit;
using Concordat.Core.Governance;
using Concordat.Server.Portal.Impact;

namespace Concordat.Server.Tests.Portal.Impact;

/// <summary>The impact figures count sharing: a steward's own audited reads, refused or not, are not requests refused.</summary>
public sealed class ImpactReportTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Fact]
    public void Refused_staff_reads_are_not_counted_as_refused_requests_but_refused_lookups_are()
    {
        var month = new DateOnly(2026, 12, 1);
        var counts = new Dictionary<AccessCountKey, long>
        {
            [new AccessCountKey(null, "dwp", "dwp-claimants", month, "lookup", AuditOutcome.Denied, "policy.no_agreement")] = 3,
            [new AccessCountKey(null, "dwp", "dwp-claimants", month, "record-read", AuditOutcome.Denied, "record.not_found")] = 5,
            [new AccessCountKey(null, "dwp", "dwp-claimants", month, "quarantine-read", AuditOutcome.Permitted, null)] = 7,
            [new AccessCountKey(null, "dwp", "dwp-claimants", month, "lookup", AuditOutcome.Permitted, null)] = 2,
        };
        var owners = new Dictionary<string, string>(StringComparer.Ordinal) { ["dwp-claimants"] = "dwp" };

        var report = ImpactReport.Build(counts, [], new Dictionary<string, ApprovalTime>(), "dwp", owners, 3, Today);

        Assert.Equal(3, report.Total.Refused);
        Assert.Equal(2, report.Total.Answered);
        Assert.Equal("policy.no_agreement", Assert.Single(report.Refusals).Code);
        Assert.Equal(3, report.ByMonth.Single(m => m.Refused > 0).Refused);
    }
}

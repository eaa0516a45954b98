using Concordat.Core.Audit;

namespace Concordat.Storage.Tests.Audit;

internal static class AuditTestEntries
{
    public static SubjectKey Subject(int person) => new(Enumerable.Repeat((byte)person, 32).ToArray());

    public static AuditEntry Entry(int i, params int[] people) => new()
    {
        Time = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero).AddMilliseconds(i),
        ClientId = "dwp-service",
        OrganisationId = "dwp",
        AgreementId = "agr-1",
        Purpose = "benefit-eligibility",
        Action = "lookup",
        DatasetId = "hmrc-taxpayers",
        Fields = ["nino", "familyName"],
        Outcome = AuditOutcome.Permitted,
        SubjectKeys = people.Select(Subject).ToArray(),
        TraceId = "trace-" + i,
    };
}

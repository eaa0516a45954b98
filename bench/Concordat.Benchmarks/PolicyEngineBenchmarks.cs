using BenchmarkDotNet.Attributes;
using Concordat.Core.Governance;

namespace Concordat.Benchmarks;

/// <summary>
/// The policy engine's cost per decision for an active agreement sharing 50 fields (the target: under
/// 10 microseconds median, warm), and the cost of one pseudonymisation token.
/// </summary>
[MemoryDiagnoser]
public class PolicyEngineBenchmarks
{
    private const int FieldCount = 50;
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly byte[] _key = Pseudonymiser.NewKey();
    private PolicyRequest _allFields = null!;
    private PolicyRequest _fiftyNamed = null!;
    private PolicyRequest _tenNamed = null!;
    private PolicyRequest _outside = null!;
    private PolicyRequest _expired = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fields = Enumerable.Range(0, FieldCount)
            .Select(i => new AgreementField($"field{i:D2}", i % 5 == 0 ? FieldTransform.DateToYear : FieldTransform.None))
            .ToList();
        var terms = new AgreementTerms
        {
            Title = "Benchmark",
            ProviderOrganisationId = "dwp",
            ConsumerOrganisationId = "leeds-council",
            Datasets =
            [
                new AgreementDataset("other-a", [new AgreementField("x")]),
                new AgreementDataset("dwp-claimants", fields, [new RowFilter("field00", RowFilterOperator.AgeAtLeast, "65")]),
            ],
            Purpose = "Benchmark.",
            PurposeCode = PurposeCodes.BenefitEligibility,
            LawfulBasis = LawfulBasis.PublicTask,
            LegalGateway = "Digital Economy Act 2017 Part 5",
            DisclosureMode = DisclosureMode.Identified,
            RetentionDays = 90,
            Frequency = SharingFrequency.Monthly,
            StartDate = new DateOnly(2026, 1, 1),
            EndDate = new DateOnly(2027, 1, 1),
            DpiaReference = "DPIA-1",
        };
        var agreement = new Agreement("bench", 1, terms, AgreementStatus.Active) { DraftedBy = "leeds-council-service" };
        var names = fields.Select(f => f.Name).ToArray();
        _allFields = Request(agreement, []);
        _fiftyNamed = Request(agreement, names.Reverse().ToArray());
        _tenNamed = Request(agreement, names.Where((_, i) => i % 5 == 1).ToArray());
        _outside = Request(agreement, [.. names[..49], "familyName"]);
        _expired = Request(agreement, names) with { Time = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero) };
    }

    [Benchmark(Baseline = true, Description = "permit, every agreed field (50)")]
    public PolicyDecision PermitAllFields() => PolicyEngine.Decide(_allFields);

    [Benchmark(Description = "permit, 50 fields named")]
    public PolicyDecision PermitFiftyNamed() => PolicyEngine.Decide(_fiftyNamed);

    [Benchmark(Description = "permit, 10 of 50 fields named")]
    public PolicyDecision PermitTenNamed() => PolicyEngine.Decide(_tenNamed);

    [Benchmark(Description = "deny, 50th field outside the agreement")]
    public PolicyDecision DenyFieldOutside() => PolicyEngine.Decide(_outside);

    [Benchmark(Description = "deny, expired")]
    public PolicyDecision DenyExpired() => PolicyEngine.Decide(_expired);

    [Benchmark(Description = "one HMAC-SHA256 token (NINO)")]
    public string PseudonymToken() => Pseudonymiser.Token(_key, "AB123456C");

    private static PolicyRequest Request(Agreement agreement, IReadOnlyList<string> fields) =>
        new("leeds-council-service", "leeds-council", agreement, "dwp-claimants", fields, PurposeCodes.BenefitEligibility, Now);
}

namespace Concordat.Core.Governance;

/// <summary>
/// The closed list of purpose codes an agreement may name, so the register can be searched by purpose and a request
/// can be checked against the agreement's purpose. Each agreement also carries a free-text purpose.
/// </summary>
public static class PurposeCodes
{
    /// <summary>Deciding whether a person is entitled to a benefit, grant or service.</summary>
    public const string BenefitEligibility = "benefit-eligibility";

    /// <summary>Checking tax liabilities and compliance.</summary>
    public const string TaxCompliance = "tax-compliance";

    /// <summary>Preventing and detecting fraud against the public sector.</summary>
    public const string FraudPrevention = "fraud-prevention";

    /// <summary>Recovering debt owed to the public sector.</summary>
    public const string DebtRecovery = "debt-recovery";

    /// <summary>Delivering or improving a public service to the person (e.g. DEA 2017 Part 5 objectives).</summary>
    public const string ServiceDelivery = "service-delivery";

    /// <summary>Protecting children and adults at risk.</summary>
    public const string Safeguarding = "safeguarding";

    /// <summary>Statistics and research in the public interest.</summary>
    public const string StatisticsResearch = "statistics-research";

    /// <summary>Preventing or detecting crime, or law enforcement.</summary>
    public const string LawEnforcement = "law-enforcement";

    /// <summary>Planning and protecting public health.</summary>
    public const string PublicHealth = "public-health";

    /// <summary>Responding to emergencies (e.g. Civil Contingencies Act 2004).</summary>
    public const string EmergencyResponse = "emergency-response";

    /// <summary>Licensing and regulating (drivers, vehicles, professions).</summary>
    public const string Licensing = "licensing";

    /// <summary>Every code with its description, in a fixed order.</summary>
    public static IReadOnlyList<(string Code, string Description)> All { get; } =
    [
        (BenefitEligibility, "Deciding whether a person is entitled to a benefit, grant or service."),
        (TaxCompliance, "Checking tax liabilities and compliance."),
        (FraudPrevention, "Preventing and detecting fraud against the public sector."),
        (DebtRecovery, "Recovering debt owed to the public sector."),
        (ServiceDelivery, "Delivering or improving a public service to the person."),
        (Safeguarding, "Protecting children and adults at risk."),
        (StatisticsResearch, "Statistics and research in the public interest."),
        (LawEnforcement, "Preventing or detecting crime, or law enforcement."),
        (PublicHealth, "Planning and protecting public health."),
        (EmergencyResponse, "Responding to emergencies."),
        (Licensing, "Licensing and regulating drivers, vehicles and professions."),
    ];

    /// <summary>True when <paramref name="code"/> is one of the codes (exact, lower case).</summary>
    public static bool IsKnown(string? code)
    {
        foreach (var (known, _) in All)
        {
            if (string.Equals(known, code, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

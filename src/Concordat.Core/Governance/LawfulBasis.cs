namespace Concordat.Core.Governance;

/// <summary>The lawful basis for processing under UK GDPR Article 6(1).</summary>
public enum LawfulBasis
{
    /// <summary>Art. 6(1)(a): the data subject has given consent.</summary>
    Consent,
    /// <summary>Art. 6(1)(b): necessary for a contract with the data subject.</summary>
    Contract,
    /// <summary>Art. 6(1)(c): necessary to comply with a legal obligation.</summary>
    LegalObligation,
    /// <summary>Art. 6(1)(d): necessary to protect someone's life.</summary>
    VitalInterests,
    /// <summary>Art. 6(1)(e): necessary for a task in the public interest or in the exercise of official authority.</summary>
    PublicTask,
    /// <summary>Art. 6(1)(f): legitimate interests (not available to public authorities performing their tasks).</summary>
    LegitimateInterests,
}

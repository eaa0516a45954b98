namespace Concordat.Core.Governance;

/// <summary>The condition for processing special category data under UK GDPR Article 9(2).</summary>
public enum SpecialCategoryCondition
{
    /// <summary>Art. 9(2)(a): explicit consent.</summary>
    ExplicitConsent,
    /// <summary>Art. 9(2)(b): employment, social security and social protection law.</summary>
    EmploymentSocialSecurity,
    /// <summary>Art. 9(2)(c): vital interests where the subject cannot consent.</summary>
    VitalInterests,
    /// <summary>Art. 9(2)(d): a not-for-profit body's legitimate activities.</summary>
    NotForProfitBody,
    /// <summary>Art. 9(2)(e): made manifestly public by the data subject.</summary>
    MadePublicBySubject,
    /// <summary>Art. 9(2)(f): legal claims or judicial acts.</summary>
    LegalClaims,
    /// <summary>Art. 9(2)(g): substantial public interest (with a DPA 2018 Schedule 1 Part 2 condition).</summary>
    SubstantialPublicInterest,
    /// <summary>Art. 9(2)(h): health or social care.</summary>
    HealthOrSocialCare,
    /// <summary>Art. 9(2)(i): public health.</summary>
    PublicHealth,
    /// <summary>Art. 9(2)(j): archiving, research or statistics.</summary>
    ArchivingResearchStatistics,
}

namespace Concordat.Core.Catalogue;

/// <summary>Whether a field holds personal data under UK GDPR, and whether it is special category (Art. 9).</summary>
public enum PersonalDataCategory
{
    /// <summary>Not personal data.</summary>
    None,
    /// <summary>Personal data (UK GDPR Art. 4(1)).</summary>
    Personal,
    /// <summary>Special category data (UK GDPR Art. 9(1)), such as health.</summary>
    SpecialCategory,
}

namespace Concordat.Core.Governance;

/// <summary>The consent state of the person a request concerns, as the consent register holds it at request time.</summary>
public enum SubjectConsent
{
    /// <summary>The request concerns many people (an extract or aggregate), or the basis is not consent.</summary>
    NotApplicable,
    /// <summary>The person gave consent under this agreement and has not withdrawn it.</summary>
    Given,
    /// <summary>The person withdrew consent under this agreement.</summary>
    Withdrawn,
    /// <summary>No consent is recorded for the person under this agreement.</summary>
    NotRecorded,
}

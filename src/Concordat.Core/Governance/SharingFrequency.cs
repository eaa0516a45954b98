namespace Concordat.Core.Governance;

/// <summary>How often the consumer expects to receive data under an agreement.</summary>
public enum SharingFrequency
{
    /// <summary>A single disclosure.</summary>
    OneOff,
    /// <summary>Individual look-ups as cases arise.</summary>
    OnDemand,
    /// <summary>Daily extracts.</summary>
    Daily,
    /// <summary>Weekly extracts.</summary>
    Weekly,
    /// <summary>Monthly extracts.</summary>
    Monthly,
    /// <summary>Quarterly extracts.</summary>
    Quarterly,
    /// <summary>Annual extracts.</summary>
    Annually,
}

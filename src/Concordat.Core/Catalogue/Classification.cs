namespace Concordat.Core.Catalogue;

/// <summary>Government Security Classifications applied to a field.</summary>
public enum Classification
{
    /// <summary>OFFICIAL: routine public sector business.</summary>
    Official,
    /// <summary>OFFICIAL-SENSITIVE: OFFICIAL with a need-to-know handling caveat.</summary>
    OfficialSensitive,
}

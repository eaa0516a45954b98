namespace Concordat.Core.Governance;

/// <summary>How records leave the hub under an agreement.</summary>
public enum DisclosureMode
{
    /// <summary>Named fields of identified people, each with its agreed generalisation.</summary>
    Identified,
    /// <summary>Direct identifiers replaced by keyed tokens (HMAC-SHA256) unique to the agreement.</summary>
    Pseudonymised,
    /// <summary>Counts and sums grouped by permitted fields, with small-cell suppression and rounding.</summary>
    Aggregate,
}

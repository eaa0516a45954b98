namespace Concordat.Core.Exchange;

/// <summary>The answer to one claim in a verification; never the held value.</summary>
public enum ClaimOutcome
{
    /// <summary>The held value equals the claim, after standardisation.</summary>
    Matched,

    /// <summary>A value is held and differs from the claim.</summary>
    NotMatched,

    /// <summary>No value is held for the field, so the claim can be neither confirmed nor denied.</summary>
    NotHeld,
}

namespace Concordat.Core.Governance;

/// <summary>Statistical disclosure control for aggregate outputs.</summary>
/// <param name="Threshold">Cells with a count below this (and above zero) are suppressed; default 10.</param>
/// <param name="RoundingBase">Published counts are rounded to the nearest multiple of this; default 5.</param>
public sealed record SuppressionRules(int Threshold = SuppressionRules.DefaultThreshold, int RoundingBase = SuppressionRules.DefaultRoundingBase)
{
    /// <summary>The default small-cell threshold.</summary>
    public const int DefaultThreshold = 10;

    /// <summary>The default rounding base.</summary>
    public const int DefaultRoundingBase = 5;

    /// <summary>The defaults: threshold 10, rounding base 5.</summary>
    public static SuppressionRules Default { get; } = new();
}

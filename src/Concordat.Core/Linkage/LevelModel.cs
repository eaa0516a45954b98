namespace Concordat.Core.Linkage;

/// <summary>
/// The trained probabilities of one comparison level: <see cref="M"/>, the chance that a true match is at this
/// level, and <see cref="U"/>, the chance that a non-match is.
/// </summary>
public sealed record LevelModel
{
    /// <summary>The level's label, e.g. <c>jaroWinkler &gt;= 0.9</c> or <c>else</c>.</summary>
    public required string Label { get; init; }

    /// <summary>P(level | match), in (0, 1).</summary>
    public required double M { get; init; }

    /// <summary>P(level | non-match), in (0, 1).</summary>
    public required double U { get; init; }

    /// <summary>Whether training saw the level among matches (false means M is a default).</summary>
    public bool MTrained { get; init; } = true;

    /// <summary>The match weight, log2(M / U): evidence for a match in bits.</summary>
    public double Weight => Math.Log2(M / U);
}

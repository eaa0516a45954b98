namespace Concordat.Server.Portal.Charts;

/// <summary>One bar of a waterfall: where it starts and ends on the value axis, and its label.</summary>
/// <param name="Label">What the bar is (a comparison, the prior, the total).</param>
/// <param name="Detail">A second line, such as the level reached.</param>
/// <param name="From">The running total before it.</param>
/// <param name="To">The running total after it.</param>
/// <param name="IsTotal">True for the prior and the final total, drawn from zero.</param>
public sealed record WaterfallBar(string Label, string? Detail, double From, double To, bool IsTotal);

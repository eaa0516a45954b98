namespace Concordat.Server.Portal.Charts;

/// <summary>One labelled value of a chart; null when it could not be measured.</summary>
/// <param name="Label">The label (a field name, a date).</param>
/// <param name="Value">The value, or null.</param>
public sealed record ChartPoint(string Label, double? Value);

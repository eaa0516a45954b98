namespace Concordat.Core.Standards;

/// <summary>The levels of the UK postcode hierarchy for one normalised postcode.</summary>
/// <param name="Area">The leading letters of the outward code, e.g. <c>SW</c>.</param>
/// <param name="District">The outward code, e.g. <c>SW1A</c>.</param>
/// <param name="Sector">The outward code, a space and the inward digit, e.g. <c>SW1A 1</c>.</param>
/// <param name="Unit">The whole normalised postcode, e.g. <c>SW1A 1AA</c>.</param>
public sealed record PostcodeParts(string Area, string District, string Sector, string Unit);

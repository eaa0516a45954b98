namespace Concordat.Core.Synthesis.Internal;

/// <summary>A post town with the postcode districts that serve it, so generated postcodes match the town.</summary>
/// <param name="Name">Post town as written in addresses.</param>
/// <param name="Districts">Outward codes (postcode districts) in the town, e.g. <c>LS6</c>.</param>
/// <param name="Weight">Relative population, in thousands.</param>
/// <param name="LandlinePrefix">Start of the Ofcom drama landline range for the area (the last three digits vary), or null.</param>
/// <param name="Nation">The nation the town is in.</param>
internal sealed record Town(string Name, IReadOnlyList<string> Districts, int Weight, string? LandlinePrefix, Nation Nation);

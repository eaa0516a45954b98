namespace Concordat.Core.Synthesis.Internal;

/// <summary>One address in a person's history, composed once and shared by every record that shows it.</summary>
/// <param name="Flat">The flat, e.g. <c>Flat 3</c>, or null for a house.</param>
/// <param name="StreetLine">House number and street, e.g. <c>27 Park Road</c>.</param>
/// <param name="StreetTypeIndex">Index into <see cref="Places.StreetTypes"/> of the street's type.</param>
/// <param name="TownIndex">Index into <see cref="Places.Towns"/>.</param>
/// <param name="Postcode">Postcode in a district of the town, formatted with one space.</param>
/// <param name="Uprn">Unique Property Reference Number, unique to this address.</param>
/// <param name="MovedIn">When the person moved in.</param>
internal sealed record SynthAddress(string? Flat, string StreetLine, int StreetTypeIndex, int TownIndex, string Postcode, long Uprn, DateOnly MovedIn)
{
    /// <summary>The post town.</summary>
    public Town Town => Places.Towns[TownIndex];

    /// <summary>First address line: the flat, or the house number and street.</summary>
    public string Line1 => Flat ?? StreetLine;

    /// <summary>Second address line: the street when the first line is a flat, otherwise empty.</summary>
    public string Line2 => Flat is null ? "" : StreetLine;

    /// <summary>The street line with the street type abbreviated (<c>27 Park Rd</c>), as some clerks type it.</summary>
    public string AbbreviatedStreetLine()
    {
        var (full, abbreviation) = Places.StreetTypes[StreetTypeIndex];
        return StreetLine.EndsWith(full, StringComparison.Ordinal)
            ? string.Concat(StreetLine.AsSpan(0, StreetLine.Length - full.Length), abbreviation)
            : StreetLine;
    }
}

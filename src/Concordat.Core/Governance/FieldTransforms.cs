using System.Globalization;
using Concordat.Core.Standards;

namespace Concordat.Core.Governance;

/// <summary>
/// Applies an agreement's per-field transforms to values on the way out. Fails closed: a value that cannot be
/// generalised (an unparseable date, an invalid postcode) becomes null rather than leaving in full. Thread safe.
/// </summary>
public static class FieldTransforms
{
    /// <summary>The transformed value; <paramref name="pseudonymKey"/> is needed only for <see cref="FieldTransform.Pseudonymise"/>.</summary>
    public static string? Apply(FieldTransform transform, string? value, ReadOnlySpan<byte> pseudonymKey = default)
    {
        if (value is null)
        {
            return null;
        }

        switch (transform)
        {
            case FieldTransform.None:
                return value;
            case FieldTransform.Pseudonymise:
                return Pseudonymiser.Token(pseudonymKey, value);
            case FieldTransform.DateToYear:
                return TryDate(value, out var year) ? year.Year.ToString("D4", CultureInfo.InvariantCulture) : null;
            case FieldTransform.DateToMonth:
                return TryDate(value, out var month) ? month.ToString("yyyy-MM", CultureInfo.InvariantCulture) : null;
            case FieldTransform.PostcodeDistrict:
                return Postcode.TryGetParts(value, out var district) ? district.District : null;
            case FieldTransform.PostcodeSector:
                return Postcode.TryGetParts(value, out var sector) ? sector.Sector : null;
            default:
                return null;
        }
    }

    private static bool TryDate(string text, out DateOnly date)
    {
        if (IsoDate.TryParseDate(text, out date))
        {
            return true;
        }

        if (IsoDate.TryParseDateTime(text, out var instant))
        {
            date = DateOnly.FromDateTime(instant.UtcDateTime);
            return true;
        }

        return false;
    }
}

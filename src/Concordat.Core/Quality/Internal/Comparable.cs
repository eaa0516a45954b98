using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Standards;

namespace Concordat.Core.Quality.Internal;

/// <summary>Maps numbers, dates and instants to one ordered scale (numbers as themselves, dates and instants as UTC ticks).</summary>
internal static class Comparable
{
    public static bool IsOrdered(FieldType type) => type is FieldType.Integer or FieldType.Number or FieldType.Date or FieldType.DateTime;

    public static bool IsTemporal(FieldType type) => type is FieldType.Date or FieldType.DateTime;

    public static double? Of(FieldType type, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return type switch
        {
            FieldType.Integer or FieldType.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : null,
            FieldType.Date => IsoDate.TryParseDate(value, out var d) ? d.DayNumber * (double)TimeSpan.TicksPerDay : null,
            FieldType.DateTime => IsoDate.TryParseDateTime(value, out var t) ? t.UtcTicks : null,
            _ => null,
        };
    }
}

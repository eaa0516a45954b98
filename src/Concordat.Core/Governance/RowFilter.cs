using System.Globalization;
using Concordat.Core.Standards;

namespace Concordat.Core.Governance;

/// <summary>
/// A condition every shared record must meet, e.g. <c>dateOfBirth ageAtLeast 65</c>. Filters of a dataset are
/// combined with AND. A record whose field is missing or unparseable never matches: deny by default.
/// </summary>
/// <param name="Field">The schema field tested; it need not be one of the shared fields.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value compared with, as text: a number, an ISO 8601 date, whole years for age operators, or text.</param>
public sealed record RowFilter(string Field, RowFilterOperator Operator, string Value)
{
    /// <summary>
    /// Whether a field value meets this filter on <paramref name="today"/> (the request's UTC date).
    /// Numbers compare numerically, ISO dates as dates, anything else as ordinal text. Thread safe.
    /// </summary>
    public bool Matches(string? fieldValue, DateOnly today)
    {
        if (fieldValue is null)
        {
            return false;
        }

        if (Operator is RowFilterOperator.AgeAtLeast or RowFilterOperator.AgeUnder)
        {
            if (!TryDate(fieldValue, out var born) || !int.TryParse(Value, NumberStyles.None, CultureInfo.InvariantCulture, out var years))
            {
                return false;
            }

            var age = AgeOn(born, today);
            return Operator == RowFilterOperator.AgeAtLeast ? age >= years : age < years;
        }

        int comparison;
        if (decimal.TryParse(fieldValue, NumberStyles.Number, CultureInfo.InvariantCulture, out var left)
            && decimal.TryParse(Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var right))
        {
            comparison = left.CompareTo(right);
        }
        else if (TryDate(fieldValue, out var leftDate) && TryDate(Value, out var rightDate))
        {
            comparison = leftDate.CompareTo(rightDate);
        }
        else
        {
            comparison = string.CompareOrdinal(fieldValue, Value);
        }

        return Operator switch
        {
            RowFilterOperator.Equal => comparison == 0,
            RowFilterOperator.NotEqual => comparison != 0,
            RowFilterOperator.LessThan => comparison < 0,
            RowFilterOperator.LessThanOrEqual => comparison <= 0,
            RowFilterOperator.GreaterThan => comparison > 0,
            RowFilterOperator.GreaterThanOrEqual => comparison >= 0,
            _ => false,
        };
    }

    /// <summary>Whole years between a birth date and a day; a person born on 29 February turns a year older on 1 March in common years.</summary>
    public static int AgeOn(DateOnly born, DateOnly today)
    {
        var age = today.Year - born.Year;
        if (today.Month < born.Month || (today.Month == born.Month && today.Day < born.Day))
        {
            age--;
        }

        return age;
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

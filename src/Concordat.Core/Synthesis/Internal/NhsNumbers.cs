namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// NHS number check digit (NHS Data Dictionary, "NHS Number"): weight digits 1 to 9 by 10 down to 2, sum, take the
/// remainder mod 11; the check digit is 11 minus it, 11 becomes 0 and 10 means the nine digits cannot be issued.
/// </summary>
internal static class NhsNumbers
{
    /// <summary>The check digit for nine leading digits, or -1 when they cannot form a valid NHS number.</summary>
    public static int CheckDigit(ReadOnlySpan<char> firstNine)
    {
        if (firstNine.Length != 9)
        {
            return -1;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var d = firstNine[i] - '0';
            if ((uint)d > 9)
            {
                return -1;
            }

            sum += d * (10 - i);
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => -1,
            _ => check,
        };
    }

    /// <summary>Whether <paramref name="value"/> is exactly ten digits with a correct check digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length != 10)
        {
            return false;
        }

        var check = CheckDigit(value[..9]);
        return check >= 0 && value[9] - '0' == check;
    }
}

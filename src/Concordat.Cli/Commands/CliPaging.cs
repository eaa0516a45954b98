using System.Globalization;

namespace Concordat.Cli.Commands;

/// <summary>Lists read from a store a page at a time, so that a store's page cap never cuts a listing short.</summary>
internal static class CliPaging
{
    public const int Page = 1000;

    /// <summary>"1 record", "2,100 records": a count with its noun.</summary>
    public static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>
    /// Reads a list page by page (at most 1,000 at a time, so no store cap cuts it) and hands each page to
    /// <paramref name="write"/>: up to <paramref name="most"/> items, or all when null. Returns how many were shown,
    /// the cursor of the last one, and whether more follow it.
    /// </summary>
    public static async Task<(long Shown, TCursor Cursor, bool More)> PageAsync<TItem, TCursor>(
        Func<TCursor, int, Task<IReadOnlyList<TItem>>> read,
        TCursor start,
        Func<TItem, TCursor> cursorOf,
        int? most,
        Action<IReadOnlyList<TItem>> write)
    {
        long shown = 0;
        var cursor = start;
        while (true)
        {
            // One more than still wanted, so the listing knows whether items follow the last one shown.
            var want = most is { } cap ? (int)Math.Min(Page, cap - shown + 1) : Page;
            var page = await read(cursor, want);
            var take = most is { } limit ? (int)Math.Min(page.Count, limit - shown) : page.Count;
            if (take > 0)
            {
                var shownPage = page.Take(take).ToList();
                write(shownPage);
                shown += take;
                cursor = cursorOf(shownPage[^1]);
            }

            if (take < page.Count)
            {
                return (shown, cursor, true);
            }

            if (page.Count < want)
            {
                return (shown, cursor, false);
            }
        }
    }
}

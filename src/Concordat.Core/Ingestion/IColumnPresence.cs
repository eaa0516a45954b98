namespace Concordat.Core.Ingestion;

/// <summary>
/// A source whose columns are paths looked up in each row (JSON lines, XML) rather than a header or layout fixed up
/// front: it counts, per column, the rows in which the path was present, so an ingest can tell a path that matches
/// nothing (a typo) from an optional value that some rows leave out. Counts are complete once the source has been
/// read to its end. Not thread safe, like the source.
/// </summary>
public interface IColumnPresence
{
    /// <summary>Rows whose content could be searched for the columns (rows that failed to parse are not counted).</summary>
    long RowsSearched { get; }

    /// <summary>Rows in which column <paramref name="ordinal"/> was present, even with a null value.</summary>
    long RowsWithColumn(int ordinal);
}

using System.Globalization;
using System.Runtime.CompilerServices;

namespace Concordat.Core.Ingestion;

/// <summary>
/// Writes a run's quarantined rows as RFC 4180 CSV for stewards to open in a spreadsheet: row number, reasons,
/// then every source column seen in the run. Cells that a spreadsheet would run as a formula (starting
/// = + - @ tab or carriage return) get a leading apostrophe (OWASP CSV injection guidance). Used by both the
/// CLI export and the HTTP API, so the two never disagree.
/// </summary>
public static class QuarantineCsv
{
    private static readonly string[] FixedColumns = ["rowNumber", "reasons"];

    /// <summary>
    /// Writes the CSV in two passes over <paramref name="rows"/> (a run's quarantine is immutable): the first
    /// collects the columns, the second streams the rows, so memory stays one page whatever the run's size.
    /// </summary>
    /// <param name="writer">Where to write; its <see cref="TextWriter.NewLine"/> ends each record.</param>
    /// <param name="rows">Opens a fresh enumeration of the rows, in row order.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    public static async Task WriteAsync(TextWriter writer, Func<IAsyncEnumerable<QuarantinedRow>> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in rows().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var column in row.Values.Keys)
            {
                if (seen.Add(column))
                {
                    columns.Add(column);
                }
            }
        }

        await writer.WriteLineAsync(Header(columns)).ConfigureAwait(false);
        await foreach (var row in rows().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteLineAsync(Row(row, columns)).ConfigureAwait(false);
        }
    }

    /// <summary>Every quarantined row of a run after <paramref name="after"/>, at most <paramref name="limit"/>, read page by page.</summary>
    public static async IAsyncEnumerable<QuarantinedRow> ReadAsync(
        IIngestStore store,
        long runId,
        long after,
        int limit,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var remaining = limit;
        var cursor = after;
        while (remaining > 0)
        {
            var want = Math.Min(remaining, pageSize);
            var page = await store.GetQuarantineAsync(runId, cursor, want, cancellationToken).ConfigureAwait(false);
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < want)
            {
                yield break;
            }

            remaining -= page.Count;
            cursor = page[^1].RowNumber;
        }
    }

    /// <summary>The header: row number, reasons, then the source columns.</summary>
    public static string Header(IReadOnlyList<string> columns) =>
        string.Join(',', FixedColumns.Concat(columns).Select(Cell));

    /// <summary>One row in the header's column order; a column the row lacks is an empty cell.</summary>
    public static string Row(QuarantinedRow row, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(columns);
        var cells = new List<string>(columns.Count + 2)
        {
            row.RowNumber.ToString(CultureInfo.InvariantCulture),
            Cell(string.Join("; ", row.Reasons)),
        };
        foreach (var column in columns)
        {
            cells.Add(Cell(row.Values.TryGetValue(column, out var value) ? value : null));
        }

        return string.Join(',', cells);
    }

    /// <summary>Neutralises a formula, then quotes the cell when it holds a delimiter, quote or line break.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}

using System.Globalization;
using Concordat.Core.Ingestion;

namespace Concordat.Server.Api.Runs;

/// <summary>
/// Writes quarantined rows as RFC 4180 CSV for spreadsheets. Every cell that a spreadsheet would read as a formula
/// (starting with <c>= + - @</c>, tab or carriage return) gets a leading apostrophe (OWASP CSV injection guidance).
/// </summary>
internal static class QuarantineCsv
{
    private static readonly string[] FixedColumns = ["rowNumber", "reasons"];

    /// <summary>The header: row number, reasons, then the source columns.</summary>
    public static string Header(IReadOnlyList<string> columns) =>
        string.Join(',', FixedColumns.Concat(columns).Select(Cell));

    /// <summary>One row in the header's column order.</summary>
    public static string Row(QuarantinedRow row, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(row);
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

    /// <summary>Neutralises a formula and quotes the cell; the one rule is Core's, shared with the CLI export.</summary>
    public static string Cell(string? value) => Concordat.Core.Ingestion.QuarantineCsv.Cell(value);
}

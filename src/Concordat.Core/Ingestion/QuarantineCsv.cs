using System.Text;

namespace Concordat.Core.Ingestion;

/// <summary>
/// Writes quarantined rows as CSV for stewards to open in a spreadsheet. Cells that a spreadsheet would run as a
/// formula (starting = + - @ tab or carriage return) are prefixed with an apostrophe (OWASP CSV injection).
/// </summary>
public static class QuarantineCsv
{
    /// <summary>The header line: row, reasons, then the source columns of the first row.</summary>
    public static string Header(QuarantinedRow first)
    {
        ArgumentNullException.ThrowIfNull(first);
        var sb = new StringBuilder("row,reasons");
        foreach (var column in first.Values.Keys)
        {
            sb.Append(',').Append(Cell(column));
        }

        return sb.ToString();
    }

    /// <summary>One row; columns follow the row's own value order.</summary>
    public static string Line(QuarantinedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var sb = new StringBuilder();
        sb.Append(row.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(Cell(string.Join("; ", row.Reasons)));
        foreach (var value in row.Values.Values)
        {
            sb.Append(',').Append(Cell(value));
        }

        return sb.ToString();
    }

    /// <summary>Quotes a cell per RFC 4180 and neutralises formula prefixes.</summary>
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

using System.Text;
using Concordat.Core.Ingestion;

namespace Concordat.Core.Tests.Ingestion.Sources;

/// <summary>One row as a test sees it.</summary>
internal sealed record SourceRow(long RowNumber, IReadOnlyList<string?> Values, string? Error);

/// <summary>Reads sources to lists so tests can assert on whole results.</summary>
internal static class SourceRows
{
    public static List<SourceRow> ReadAll(IRecordSource source)
    {
        var rows = new List<SourceRow>();
        while (source.Read())
        {
            var values = new string?[source.Columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = source.GetValue(i);
            }

            rows.Add(new SourceRow(source.RowNumber, values, source.RowError));
        }

        return rows;
    }

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}

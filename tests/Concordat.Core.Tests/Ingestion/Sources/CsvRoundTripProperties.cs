using System.Text;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using CsCheck;

namespace Concordat.Core.Tests.Ingestion.Sources;

public sealed class CsvRoundTripProperties
{
    private static readonly Gen<string> Cell =
        Gen.OneOf("a", "b", " ", ",", ";", "|", "\t", "\"", "'", "\r", "\n", "é", "£", "😀").Array[0, 6].Select(string.Concat);

    private static readonly Gen<string[][]> Table = Gen.Int[1, 5].SelectMany(columns => Cell.Array[columns].Array[0, 12]);

    /// <summary>Writes RFC 4180: a field is quoted when it holds the delimiter, the quote or a line break.</summary>
    private static string Write(string[][] rows, char delimiter, string newline)
    {
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                var cell = row[i];
                var quote = cell.IndexOfAny([delimiter, '"', '\r', '\n']) >= 0
                    || (row.Length == 1 && cell.Length == 0);
                builder.Append(i == 0 ? string.Empty : delimiter.ToString())
                    .Append(quote ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell);
            }

            builder.Append(newline);
        }

        return builder.ToString();
    }

    [Fact]
    public void Rfc4180_tables_read_back_identically()
    {
        Gen.Select(Table, Gen.OneOf(',', ';', '\t', '|'), Gen.OneOf("\n", "\r\n"), Gen.Int[1, 40])
            .Sample((rows, delimiter, newline, chunk) =>
            {
                var bytes = Encoding.UTF8.GetBytes(Write(rows, delimiter, newline));
                using var source = new CsvRecordSource(
                    new TrickleStream(bytes, chunk),
                    new SourceOptions { Header = false, Delimiter = delimiter });

                var read = SourceRows.ReadAll(source);

                Assert.Equal(rows.Length, read.Count);
                for (var r = 0; r < rows.Length; r++)
                {
                    Assert.Null(read[r].Error);
                    Assert.Equal(rows[r], read[r].Values);
                }

                Assert.Equal(bytes.Length, source.BytesRead);
            },
            iter: 1000);
    }

    [Fact]
    public void Row_numbers_count_the_lines_inside_quoted_fields()
    {
        Gen.Select(Table, Gen.OneOf("\n", "\r\n"))
            .Sample((rows, newline) =>
            {
                var text = Write(rows, ',', newline);
                using var source = new CsvRecordSource(SourceRows.Utf8(text), new SourceOptions { Header = false });

                var expected = 1L;
                foreach (var row in rows)
                {
                    Assert.True(source.Read());
                    Assert.Equal(expected, source.RowNumber);
                    expected += 1 + row.Sum(LineBreaks);
                }

                Assert.False(source.Read());
            });
    }

    private static int LineBreaks(string cell) =>
        cell.Count(c => c == '\n') + cell.Count(c => c == '\r') - (cell.Length - cell.Replace("\r\n", string.Empty).Length) / 2;
}

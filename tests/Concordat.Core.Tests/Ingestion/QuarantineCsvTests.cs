using Concordat.Core.Ingestion;

namespace Concordat.Core.Tests.Ingestion;

public sealed class QuarantineCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+44", "'+44")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    public void Cells_are_quoted_and_formulas_neutralised(string value, string expected)
    {
        Assert.Equal(expected, QuarantineCsv.Cell(value));
    }

    [Fact]
    public void Row_puts_row_number_and_reasons_before_values()
    {
        var row = new QuarantinedRow(1, 42, new Dictionary<string, string?> { ["NINO"] = "QQ123456A", ["DOB"] = null }, ["nino: bad", "dob: required"]);
        Assert.Equal("rowNumber,reasons,NINO,DOB", QuarantineCsv.Header(["NINO", "DOB"]));
        Assert.Equal("42,nino: bad; dob: required,QQ123456A,", QuarantineCsv.Row(row, ["NINO", "DOB"]));
    }

    [Fact]
    public async Task Export_uses_every_column_seen_in_the_run_in_first_seen_order()
    {
        QuarantinedRow[] rows =
        [
            new(1, 2, new Dictionary<string, string?> { ["NINO"] = "X", ["DOB"] = "1/1/1" }, ["nino: bad"]),
            new(1, 5, new Dictionary<string, string?> { ["key"] = "A1" }, ["Duplicate key 'A1'"]),
        ];
        using var writer = new StringWriter { NewLine = "\n" };
        await QuarantineCsv.WriteAsync(writer, () => rows.ToAsyncEnumerable(), CancellationToken.None);

        Assert.Equal("rowNumber,reasons,NINO,DOB,key\n2,nino: bad,X,1/1/1,\n5,Duplicate key 'A1',,,A1\n", writer.ToString());
    }
}

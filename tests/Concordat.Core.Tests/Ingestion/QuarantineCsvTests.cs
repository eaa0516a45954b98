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
    public void Line_puts_row_number_and_reasons_before_values()
    {
        var row = new QuarantinedRow(1, 42, new Dictionary<string, string?> { ["NINO"] = "QQ123456A", ["DOB"] = null }, ["nino: bad", "dob: required"]);
        Assert.Equal("row,reasons,NINO,DOB", QuarantineCsv.Header(row));
        Assert.Equal("42,nino: bad; dob: required,QQ123456A,", QuarantineCsv.Line(row));
    }
}

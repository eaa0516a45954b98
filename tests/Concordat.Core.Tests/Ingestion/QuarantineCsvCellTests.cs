using Concordat.Core.Ingestion;

namespace Concordat.Core.Tests.Ingestion;

public sealed class QuarantineCsvCellTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44 20", "'+44 20")]
    [InlineData("-5", "'-5")]
    [InlineData("@A1", "'@A1")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=a,\"b\"", "\"'=a,\"\"b\"\"\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cells_are_neutralised_then_quoted(string? value, string expected) => Assert.Equal(expected, QuarantineCsv.Cell(value));
}

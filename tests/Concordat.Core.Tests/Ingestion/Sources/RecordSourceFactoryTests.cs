using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;

namespace Concordat.Core.Tests.Ingestion.Sources;

public sealed class RecordSourceFactoryTests
{
    [Theory]
    [InlineData(SourceFormat.Csv, "name\nAnn\n", typeof(CsvRecordSource))]
    [InlineData(SourceFormat.JsonLines, "{\"name\":\"Ann\"}\n", typeof(JsonLinesRecordSource))]
    [InlineData(SourceFormat.Xml, "<people><p><name>Ann</name></p></people>", typeof(XmlRecordSource))]
    [InlineData(SourceFormat.FixedWidth, "Ann  \n", typeof(FixedWidthRecordSource))]
    public void Opens_the_reader_for_the_format(SourceFormat format, string content, Type expected)
    {
        var options = new SourceOptions
        {
            Format = format,
            Layout = new FixedWidthLayout { Fields = [new FixedWidthField("name", 1, 5)] },
        };

        using var source = RecordSourceFactory.Open(options, SourceRows.Utf8(content), ["name"]);

        Assert.IsType(expected, source);
        Assert.True(source.Read());
        Assert.Equal("Ann", source.GetValue(source.GetOrdinal("name")));
    }

    [Fact]
    public void Sql_sources_are_opened_by_the_caller()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => RecordSourceFactory.Open(new SourceOptions { Format = SourceFormat.Sql }, new MemoryStream(), []));

        Assert.Contains("DataReaderRecordSource", ex.Message, StringComparison.Ordinal);
    }
}

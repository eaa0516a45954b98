using System.Text;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;

namespace Concordat.Core.Tests.Ingestion.Sources;

public sealed class XmlRecordSourceTests
{
    private static readonly SourceOptions Options = new() { Format = SourceFormat.Xml, RecordPath = "/Claimants/Claimant" };

    private const string Claimants = """
        <?xml version="1.0" encoding="utf-8"?>
        <Claimants xmlns="urn:dwp:claims" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <Header><Claimant><Nino>NOT-A-RECORD</Nino></Claimant></Header>
          <Claimant id="c1">
            <Nino>AB123456C</Nino>
            <Name>Seán O'Brien &amp; Co</Name>
            <Address type="home"><Postcode>SW1A 1AA</Postcode></Address>
            <!-- comment -->
            <Phone xsi:nil="true"/>
          </Claimant>
          <Claimant id="c2"><Nino>CD654321A</Nino><Name><![CDATA[<Ann>]]></Name><Phone></Phone></Claimant>
        </Claimants>
        """;

    private static readonly string[] Wanted = ["@id", "Nino", "Name", "Address/Postcode", "Address/@type", "Phone", "Missing"];

    [Fact]
    public void Presence_counts_records_that_have_each_path_with_nil_as_present()
    {
        using var source = new XmlRecordSource(SourceRows.Utf8(Claimants), Options, Wanted);
        SourceRows.ReadAll(source);

        Assert.Equal(2, source.RowsSearched);
        Assert.Equal([2L, 2L, 2L, 1L, 1L, 2L, 0L], Enumerable.Range(0, Wanted.Length).Select(source.RowsWithColumn));
    }

    [Fact]
    public void Record_path_with_a_header_but_no_records_is_an_empty_source()
    {
        using var source = new XmlRecordSource(SourceRows.Utf8("<Claimants><Header><Claimant><Nino>X</Nino></Claimant></Header></Claimants>"), Options, Wanted);

        Assert.Empty(SourceRows.ReadAll(source));
    }

    [Fact]
    public void Record_path_whose_last_step_names_nothing_fails_when_records_stand_under_another_name()
    {
        var options = Options with { RecordPath = "/Claimants/Claimnt" };
        using var source = new XmlRecordSource(SourceRows.Utf8(Claimants), options, Wanted);

        var error = Assert.Throws<SourceFormatException>(() => SourceRows.ReadAll(source));
        Assert.Equal(
            "The recordPath '/Claimants/Claimnt' matched no element, so no record was read: the document has <Claimant> at /Claimants/Claimant where the path expects <Claimnt>. Correct recordPath in the mapping.",
            error.Message);
    }

    [Fact]
    public void Record_path_with_another_root_fails_naming_the_root()
    {
        var options = Options with { RecordPath = "/Claimant" };
        using var source = new XmlRecordSource(SourceRows.Utf8(Claimants), options, Wanted);

        var error = Assert.Throws<SourceFormatException>(() => SourceRows.ReadAll(source));
        Assert.Contains("the document has <Claimants> at /Claimants where the path expects <Claimant>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_on_the_path_yield_elements_attributes_and_relative_paths()
    {
        using var source = new XmlRecordSource(SourceRows.Utf8(Claimants), Options, Wanted);

        var rows = SourceRows.ReadAll(source);

        Assert.Equal(2, rows.Count);
        Assert.Equal(["c1", "AB123456C", "Seán O'Brien & Co", "SW1A 1AA", "home", null, null], rows[0].Values);
        Assert.Equal(["c2", "CD654321A", "<Ann>", null, null, "", null], rows[1].Values);
        Assert.Equal([1L, 2L], rows.Select(r => r.RowNumber));
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Without_a_record_path_the_root_children_are_the_records()
    {
        using var source = new XmlRecordSource(
            SourceRows.Utf8("<people><person><id>1</id></person><person><id>2</id></person></people>"),
            Options with { RecordPath = null },
            ["id"]);

        Assert.Equal(["1", "2"], SourceRows.ReadAll(source).Select(r => r.Values[0]));
    }

    [Fact]
    public void Empty_record_elements_and_adjacent_records_are_each_read_once()
    {
        using var source = new XmlRecordSource(
            SourceRows.Utf8("<Claimants><Claimant id=\"1\"/><Claimant id=\"2\"></Claimant><Claimant id=\"3\"><Nino>X</Nino></Claimant><Claimant id=\"4\"/></Claimants>"),
            Options,
            ["@id", "Nino"]);

        var rows = SourceRows.ReadAll(source);

        Assert.Equal(["1", "2", "3", "4"], rows.Select(r => r.Values[0]));
        Assert.Equal([null, null, "X", null], rows.Select(r => r.Values[1]));
    }

    [Fact]
    public void Wrong_root_name_fails_the_source_instead_of_yielding_no_records()
    {
        // Until issue 15.11 this read as an empty source, so a recordPath typo gave a successful run of no rows.
        using var source = new XmlRecordSource(SourceRows.Utf8("<Other><Claimant><Nino>x</Nino></Claimant></Other>"), Options, ["Nino"]);

        var error = Assert.Throws<SourceFormatException>(() => source.Read());
        Assert.Contains("the document has <Other> at /Other where the path expects <Claimants>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void External_entity_is_refused_before_anything_is_resolved()
    {
        var secret = Path.GetTempFileName();
        try
        {
            File.WriteAllText(secret, "TOP-SECRET");
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE Claimants [<!ENTITY xxe SYSTEM "file://{secret}">]>
                <Claimants><Claimant><Nino>&xxe;</Nino></Claimant></Claimants>
                """;
            using var source = new XmlRecordSource(SourceRows.Utf8(xml), Options, ["Nino"]);

            var ex = Assert.Throws<SourceFormatException>(() => source.Read());

            Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("TOP-SECRET", ex.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Billion_laughs_entity_bomb_is_refused()
    {
        var xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (var i = 1; i <= 9; i++)
        {
            xml.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString())};", 10))}\">\n");
        }

        xml.Append("]>\n<Claimants><Claimant><Nino>&lol9;</Nino></Claimant></Claimants>");
        using var source = new XmlRecordSource(SourceRows.Utf8(xml.ToString()), Options, ["Nino"]);

        var ex = Assert.Throws<SourceFormatException>(() => source.Read());

        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_well_formed_xml_fails_with_line_and_position_after_earlier_records()
    {
        var xml = "<Claimants>\n<Claimant><Nino>A</Nino></Claimant>\n<Claimant><Nino>B</Claimant>\n</Claimants>";
        using var source = new XmlRecordSource(SourceRows.Utf8(xml), Options, ["Nino"]);

        Assert.True(source.Read());
        Assert.Equal("A", source.GetValue(0));
        var ex = Assert.Throws<SourceFormatException>(() => source.Read());

        Assert.Contains("not well formed at line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_document_fails()
    {
        using var source = new XmlRecordSource(SourceRows.Utf8("<Claimants><Claimant><Nino>A</Nino></Claimant><Clai"), Options, ["Nino"]);

        Assert.True(source.Read());
        Assert.Throws<SourceFormatException>(() => source.Read());
    }

    [Fact]
    public void Encoding_declared_in_the_document_is_honoured()
    {
        var bytes = TextEncodings.Resolve("windows-1252").Value.GetBytes(
            "<?xml version=\"1.0\" encoding=\"windows-1252\"?><Claimants><Claimant><Name>Café £5</Name></Claimant></Claimants>");
        using var source = new XmlRecordSource(new MemoryStream(bytes), Options, ["Name"]);

        Assert.Equal("Café £5", SourceRows.ReadAll(source).Single().Values[0]);
    }

    [Fact]
    public void Invalid_utf8_fails_the_source()
    {
        var bytes = TextEncodings.Resolve("windows-1252").Value.GetBytes("<Claimants><Claimant><Name>Café</Name></Claimant></Claimants>");
        using var source = new XmlRecordSource(new MemoryStream(bytes), Options, ["Name"]);

        Assert.Throws<SourceFormatException>(() => source.Read());
    }

    [Fact]
    public void Record_larger_than_max_row_bytes_fails_without_reading_it_all()
    {
        var stream = new RepeatingStream((byte)'x', 50L * 1024 * 1024, "<Claimants><Claimant><Name>"u8.ToArray());
        using var source = new XmlRecordSource(stream, Options with { MaxRowBytes = 1024 * 1024 }, ["Name"]);

        var ex = Assert.Throws<SourceFormatException>(() => source.Read());

        Assert.Contains("XML record 1", ex.Message, StringComparison.Ordinal);
        Assert.True(stream.BytesServed < 2 * 1024 * 1024, $"read {stream.BytesServed} bytes");
    }

    [Fact]
    public void Empty_file_fails_as_not_well_formed()
    {
        using var source = new XmlRecordSource(new MemoryStream([]), Options, ["Nino"]);

        Assert.Throws<SourceFormatException>(() => source.Read());
    }
}

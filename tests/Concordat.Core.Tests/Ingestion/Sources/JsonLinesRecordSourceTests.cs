using System.Text;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;

namespace Concordat.Core.Tests.Ingestion.Sources;

public sealed class JsonLinesRecordSourceTests
{
    private static readonly SourceOptions Options = new() { Format = SourceFormat.JsonLines };

    private static List<SourceRow> Read(string text, params string[] columns)
    {
        using var source = new JsonLinesRecordSource(SourceRows.Utf8(text), Options, columns);
        return SourceRows.ReadAll(source);
    }

    [Fact]
    public void Values_are_strings_raw_numbers_booleans_and_nulls()
    {
        var rows = Read(
            "{\"nino\":\"AB123456C\",\"age\":42,\"score\":1.50e3,\"active\":true,\"left\":false,\"note\":null}\n",
            "nino", "age", "score", "active", "left", "note", "missing");

        Assert.Equal(["AB123456C", "42", "1.50e3", "true", "false", null, null], rows.Single().Values);
        Assert.Null(rows.Single().Error);
    }

    [Fact]
    public void Presence_counts_rows_that_have_each_path_even_as_null_and_skips_rows_that_do_not_parse()
    {
        using var source = new JsonLinesRecordSource(
            SourceRows.Utf8("{\"a\":1,\"b\":{\"c\":null}}\nnot json\n{\"a\":null,\"b\":2}\n[1]\n{\"A\":3}\n"),
            Options,
            ["a", "b.c", "missing"]);
        SourceRows.ReadAll(source);

        Assert.Equal(3, source.RowsSearched);
        Assert.Equal([2L, 1L, 0L], Enumerable.Range(0, 3).Select(source.RowsWithColumn));
    }

    [Fact]
    public void Dotted_paths_reach_into_nested_objects()
    {
        var rows = Read(
            "{\"address\":{\"postcode\":\"SW1A 1AA\",\"lines\":[\"1 High St\",\"Leeds\"]},\"a.b\":\"literal\",\"a\":{\"b\":\"nested\"}}\n",
            "address.postcode", "address.lines", "address", "a.b", "address.town", "address.postcode.x");

        Assert.Equal(
            ["SW1A 1AA", "[\"1 High St\",\"Leeds\"]", "{\"postcode\":\"SW1A 1AA\",\"lines\":[\"1 High St\",\"Leeds\"]}", "literal", null, null],
            rows.Single().Values);
    }

    [Fact]
    public void Escaped_strings_are_unescaped()
    {
        var rows = Read("{\"name\":\"O\\u0027Brien \\\"Jr\\\" \\u00e9\"}\n", "name");

        Assert.Equal("O'Brien \"Jr\" é", rows.Single().Values[0]);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_row_numbers_are_line_numbers()
    {
        var rows = Read("{\"a\":1}\r\n\r\n   \n{\"a\":2}\n\n{\"a\":3}", "a");

        Assert.Equal(["1", "2", "3"], rows.Select(r => r.Values[0]));
        Assert.Equal([1L, 4L, 6L], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Invalid_json_line_is_a_row_error_and_reading_continues()
    {
        var rows = Read("{\"a\":1}\n{\"a\":2,}\n{\"a\":\n{\"a\":4}\n", "a");

        Assert.Equal(4, rows.Count);
        Assert.Null(rows[0].Error);
        Assert.StartsWith("not valid JSON", rows[1].Error, StringComparison.Ordinal);
        Assert.Equal([null], rows[1].Values);
        Assert.StartsWith("not valid JSON", rows[2].Error, StringComparison.Ordinal);
        Assert.Equal(3L, rows[2].RowNumber);
        Assert.Equal("4", rows[3].Values[0]);
        Assert.Null(rows[3].Error);
    }

    [Fact]
    public void Line_that_is_not_an_object_is_a_row_error()
    {
        var rows = Read("[1,2]\n\"text\"\n42\n", "a");

        Assert.Equal(
            ["the line is a JSON array, not an object", "the line is a JSON string, not an object", "the line is a JSON number, not an object"],
            rows.Select(r => r.Error));
    }

    [Fact]
    public void Nesting_deeper_than_64_levels_is_a_row_error()
    {
        var deep = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)) + "}";
        var shallow = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 60)) + string.Concat(Enumerable.Repeat("]", 60)) + "}";

        var rows = Read(deep + "\n" + shallow + "\n", "a");

        Assert.StartsWith("not valid JSON", rows[0].Error, StringComparison.Ordinal);
        Assert.Null(rows[1].Error);
    }

    [Fact]
    public void Invalid_utf8_fails_the_source_naming_the_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\":\"x\"}\n{\"a\":\"").Concat(new byte[] { 0xE9 }).Concat("\"}\n"u8.ToArray()).ToArray();
        using var source = new JsonLinesRecordSource(new MemoryStream(bytes), Options, ["a"]);

        Assert.True(source.Read());
        var ex = Assert.Throws<SourceFormatException>(() => source.Read());

        Assert.Contains("not valid UTF-8 at byte 16", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_line_fails_fast_without_reading_the_whole_line()
    {
        var stream = new RepeatingStream((byte)' ', 5L * 1024 * 1024);
        using var source = new JsonLinesRecordSource(stream, Options with { MaxRowBytes = 1024 * 1024 }, ["a"]);

        var ex = Assert.Throws<SourceFormatException>(() => source.Read());

        Assert.Contains("Line 1", ex.Message, StringComparison.Ordinal);
        Assert.True(stream.BytesServed <= (1024 * 1024) + 2, $"read {stream.BytesServed} bytes");
    }

    [Fact]
    public void Empty_file_has_no_rows()
    {
        using var source = new JsonLinesRecordSource(new MemoryStream([]), Options, ["a"]);

        Assert.Equal(["a"], source.Columns);
        Assert.False(source.Read());
    }

    [Fact]
    public void Windows_1252_json_lines_are_transcoded_when_declared()
    {
        var bytes = TextEncodings.Resolve("windows-1252").Value.GetBytes("{\"price\":\"£5\",\"name\":\"Café\"}\n");
        using var source = new JsonLinesRecordSource(new MemoryStream(bytes), Options with { Encoding = "windows-1252" }, ["name", "price"]);

        Assert.Equal(["Café", "£5"], SourceRows.ReadAll(source).Single().Values);
    }

    [Fact]
    public void Columns_are_the_wanted_names_and_get_ordinal_ignores_case_second()
    {
        using var source = new JsonLinesRecordSource(new MemoryStream([]), Options, ["nino", "address.postcode"]);

        Assert.Equal(["nino", "address.postcode"], source.Columns);
        Assert.Equal(1, source.GetOrdinal("Address.Postcode"));
        Assert.Equal(-1, source.GetOrdinal("dob"));
    }
}

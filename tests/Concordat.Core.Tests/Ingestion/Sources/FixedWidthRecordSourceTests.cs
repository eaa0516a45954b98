using System.Text;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;

namespace Concordat.Core.Tests.Ingestion.Sources;

public sealed class FixedWidthRecordSourceTests
{
    private static readonly FixedWidthLayout TextLayout = new()
    {
        Encoding = "ascii",
        Fields =
        [
            new FixedWidthField("nino", 1, 9),
            new FixedWidthField("surname", 10, 10),
            new FixedWidthField("amount", 20, 6) { Kind = "zoned", Scale = 2 },
        ],
    };

    private static readonly FixedWidthLayout EbcdicLayout = new()
    {
        Encoding = "ibm037",
        RecordLength = 24,
        Fields =
        [
            new FixedWidthField("surname", 1, 10),
            new FixedWidthField("award", 11, 4) { Kind = "packed", Scale = 2 },
            new FixedWidthField("arrears", 15, 3) { Kind = "packed" },
            new FixedWidthField("balance", 18, 6) { Kind = "zoned", Scale = 2 },
        ],
    };

    private static SourceOptions Options(FixedWidthLayout layout) => new() { Format = SourceFormat.FixedWidth, Layout = layout };

    private static byte[] EbcdicRecord(string surname, long award, long arrears, long balance) =>
    [
        .. MainframeBytes.Text(surname, 10),
        .. MainframeBytes.Packed(award, 4),
        .. MainframeBytes.Packed(arrears, 3),
        .. MainframeBytes.Zoned(balance, 6),
        MainframeBytes.Ebcdic.GetBytes("*")[0],
    ];

    [Fact]
    public void Text_lines_are_cut_by_the_layout_and_trailing_spaces_trimmed()
    {
        var text = "AB123456CSmith     001250\r\nCD654321AO'Neil    00000{\n\n";
        using var source = new FixedWidthRecordSource(SourceRows.Utf8(text), Options(TextLayout));

        Assert.Equal(["nino", "surname", "amount"], source.Columns);
        var rows = SourceRows.ReadAll(source);
        Assert.Equal([["AB123456C", "Smith", "12.50"], ["CD654321A", "O'Neil", "0.00"]], rows.Select(r => r.Values));
        Assert.Equal([1L, 2L], rows.Select(r => r.RowNumber));
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Ebcdic_text_packed_and_zoned_fields_round_trip()
    {
        var bytes = EbcdicRecord("SMITH", 1234567, -42, -1234)
            .Concat(EbcdicRecord("O'BRIEN", 5, 99999, 99999))
            .Concat(EbcdicRecord("JONES", 0, 0, 0))
            .ToArray();
        using var source = new FixedWidthRecordSource(new MemoryStream(bytes), Options(EbcdicLayout));

        var rows = SourceRows.ReadAll(source);

        Assert.Equal(
            [["SMITH", "12345.67", "-42", "-12.34"], ["O'BRIEN", "0.05", "99999", "999.99"], ["JONES", "0.00", "0", "0.00"]],
            rows.Select(r => r.Values));
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.RowNumber));
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Equal(72, source.BytesRead);
    }

    [Fact]
    public void Invalid_packed_decimal_is_a_row_error_naming_the_field()
    {
        var bad = EbcdicRecord("SMITH", 100, 1, 1);
        bad[11] = 0xAB;
        var bytes = bad.Concat(EbcdicRecord("JONES", 200, 2, 2)).ToArray();
        using var source = new FixedWidthRecordSource(new MemoryStream(bytes), Options(EbcdicLayout));

        var rows = SourceRows.ReadAll(source);

        Assert.Equal("field 'award' (bytes 11-14) is not valid packed decimal", rows[0].Error);
        Assert.Equal(["SMITH", null, "1", "0.01"], rows[0].Values);
        Assert.Null(rows[1].Error);
        Assert.Equal("2.00", rows[1].Values[1]);
    }

    [Fact]
    public void Packed_decimal_without_a_sign_nibble_is_a_row_error()
    {
        var bad = EbcdicRecord("SMITH", 100, 1, 1);
        bad[16] = 0x10;

        using var source = new FixedWidthRecordSource(new MemoryStream(bad), Options(EbcdicLayout));
        Assert.True(source.Read());

        Assert.Equal("field 'arrears' (bytes 15-17) is not valid packed decimal", source.RowError);
    }

    [Fact]
    public void Invalid_zoned_decimal_is_a_row_error_naming_the_field()
    {
        var bad = EbcdicRecord("SMITH", 100, 1, 1);
        bad[18] = MainframeBytes.Ebcdic.GetBytes("X")[0];
        using var source = new FixedWidthRecordSource(new MemoryStream(bad), Options(EbcdicLayout));

        Assert.True(source.Read());

        Assert.Equal("field 'balance' (bytes 18-23) is not valid zoned decimal", source.RowError);
        Assert.Equal("SMITH", source.GetValue(0));
    }

    [Fact]
    public void Numeric_fields_of_spaces_are_null()
    {
        var record = EbcdicRecord("SMITH", 1, 1, 1);
        Array.Fill(record, (byte)0x40, 10, 13);
        using var source = new FixedWidthRecordSource(new MemoryStream(record), Options(EbcdicLayout));

        Assert.True(source.Read());

        Assert.Null(source.RowError);
        Assert.Equal(["SMITH", null, null, null], Enumerable.Range(0, 4).Select(source.GetValue));
    }

    [Fact]
    public void File_length_not_a_multiple_of_the_record_length_fails_before_reading()
    {
        var bytes = EbcdicRecord("SMITH", 1, 1, 1).Concat(new byte[] { 0x40, 0x40, 0x40 }).ToArray();

        var ex = Assert.Throws<SourceFormatException>(() => new FixedWidthRecordSource(new MemoryStream(bytes), Options(EbcdicLayout)));

        Assert.StartsWith("The layout does not fit the file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("27 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 records and 3 bytes over", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_partial_record_on_an_unseekable_stream_fails_after_the_whole_records()
    {
        var bytes = EbcdicRecord("SMITH", 1, 1, 1).Concat(new byte[] { 0x40, 0x40, 0x40 }).ToArray();
        var stream = new RepeatingStream(0x40, 0, bytes);
        using var source = new FixedWidthRecordSource(stream, Options(EbcdicLayout));

        Assert.True(source.Read());
        var ex = Assert.Throws<SourceFormatException>(() => source.Read());

        Assert.StartsWith("The layout does not fit the file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void First_line_shorter_than_the_layout_means_the_layout_does_not_fit()
    {
        var ex = Assert.Throws<SourceFormatException>(() =>
        {
            using var source = new FixedWidthRecordSource(SourceRows.Utf8("AB123456CSmith\n"), Options(TextLayout));
            source.Read();
        });

        Assert.Equal("The layout does not fit the file: line 1 is 14 bytes but the layout needs 25.", ex.Message);
    }

    [Fact]
    public void Later_short_line_is_a_row_error_naming_expected_and_actual_length()
    {
        var text = "AB123456CSmith     001250\nCD654321AJones\nEF111111AEvans     00010{\n";
        using var source = new FixedWidthRecordSource(SourceRows.Utf8(text), Options(TextLayout));

        var rows = SourceRows.ReadAll(source);

        Assert.Equal([null, "the line is 14 bytes but the layout needs 25", null], rows.Select(r => r.Error));
        Assert.Equal("EF111111A", rows[2].Values[0]);
    }

    [Fact]
    public void Ascii_overpunch_and_unsigned_zoned_values_decode()
    {
        var layout = TextLayout with { Fields = [new FixedWidthField("n", 1, 4) { Kind = "zoned", Scale = 1 }] };
        var text = "123}\n000J\n0012\n012{\n012s\n12s4\n";
        using var source = new FixedWidthRecordSource(SourceRows.Utf8(text), Options(layout));

        var values = SourceRows.ReadAll(source).Select(r => r.Values[0]);

        Assert.Equal(["-123.0", "-0.1", "1.2", "12.0", "-12.3", null], values);
    }

    [Fact]
    public void Ebcdic_text_lines_split_on_the_ebcdic_line_feed()
    {
        var layout = new FixedWidthLayout { Encoding = "ibm037", Fields = [new FixedWidthField("name", 1, 5)] };
        var bytes = MainframeBytes.Ebcdic.GetBytes("ALICE\nBOB  \n");
        Assert.Equal(0x25, bytes[5]);
        using var source = new FixedWidthRecordSource(new MemoryStream(bytes), Options(layout));

        Assert.Equal(["ALICE", "BOB"], SourceRows.ReadAll(source).Select(r => r.Values[0]));
    }

    [Fact]
    public void Ascii_text_field_with_high_bytes_is_a_row_error()
    {
        var layout = new FixedWidthLayout { Encoding = "ascii", Fields = [new FixedWidthField("name", 1, 4)] };
        var bytes = Encoding.Latin1.GetBytes("Zoë \nAnn \n");
        using var source = new FixedWidthRecordSource(new MemoryStream(bytes), Options(layout));

        var rows = SourceRows.ReadAll(source);

        Assert.Equal("field 'name' (bytes 1-4) is not valid us-ascii text", rows[0].Error);
        Assert.Equal("Ann", rows[1].Values[0]);
    }

    [Fact]
    public void Empty_file_has_no_records_in_either_mode()
    {
        using var lines = new FixedWidthRecordSource(new MemoryStream([]), Options(TextLayout));
        using var records = new FixedWidthRecordSource(new MemoryStream([]), Options(EbcdicLayout));

        Assert.False(lines.Read());
        Assert.False(records.Read());
    }

    [Fact]
    public void File_shorter_than_one_record_does_not_fit()
    {
        var ex = Assert.Throws<SourceFormatException>(
            () => new FixedWidthRecordSource(new MemoryStream(new byte[10]), Options(EbcdicLayout)));

        Assert.Contains("0 records and 10 bytes over", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_layout_fails_the_source_naming_the_field()
    {
        var layout = TextLayout with { Fields = [new FixedWidthField("a", 1, 5), new FixedWidthField("b", 4, 5)] };

        var ex = Assert.Throws<SourceFormatException>(() => new FixedWidthRecordSource(SourceRows.Utf8("x"), Options(layout)));

        Assert.Contains("Field 'b' (bytes 4-8) overlaps field 'a' (bytes 1-5)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_layout_is_a_caller_error()
    {
        Assert.Throws<ArgumentException>(() => new FixedWidthRecordSource(SourceRows.Utf8("x"), new SourceOptions { Format = SourceFormat.FixedWidth }));
    }

    [Fact]
    public void Long_line_fails_fast_without_reading_the_whole_line()
    {
        var stream = new RepeatingStream((byte)'a', 5L * 1024 * 1024);

        using var source = new FixedWidthRecordSource(stream, Options(TextLayout) with { MaxRowBytes = 1024 * 1024 });
        var ex = Assert.Throws<SourceFormatException>(() => source.Read());

        Assert.Contains("Line 1 is longer than MaxRowBytes", ex.Message, StringComparison.Ordinal);
        Assert.True(stream.BytesServed <= (1024 * 1024) + 2, $"read {stream.BytesServed} bytes");
    }
}

using System.Text.Json.Nodes;
using Concordat.Core.Catalogue;
using Concordat.Core.Exchange;
using Concordat.Core.Governance;
using Parquet;
using Parquet.Schema;

namespace Concordat.Core.Tests.Exchange;

/// <summary>Parquet extracts carry the schema's types, read back by a Parquet reader, with nulls kept.</summary>
public sealed class ParquetExtractTests
{
    private static readonly ExtractField[] Fields =
    [
        new("name", FieldType.String, FieldTransform.None, null),
        new("children", FieldType.Integer, FieldTransform.None, null),
        new("award", FieldType.Number, FieldTransform.None, null),
        new("active", FieldType.Boolean, FieldTransform.None, null),
        new("born", FieldType.Date, FieldTransform.None, null),
        new("seen", FieldType.DateTime, FieldTransform.None, null),
        new("bornYear", FieldType.String, FieldTransform.DateToYear, null),
    ];

    [Fact]
    public async Task Columns_are_typed_from_the_schema_with_decimal_scale_and_nulls_preserved()
    {
        JsonObject[] records =
        [
            JsonNode.Parse("""{"name":"Ann","children":2,"award":181.30,"active":true,"born":"1950-03-04","seen":"2026-11-25T10:00:00.000Z","bornYear":"1950"}""")!.AsObject(),
            JsonNode.Parse("""{"name":"Bob","children":-9007199254740993,"award":12.5,"active":false,"born":"1990-01-01","seen":"2026-11-25T11:30:00+01:00","bornYear":"1990"}""")!.AsObject(),
            JsonNode.Parse("""{"name":null}""")!.AsObject(),
        ];

        using var file = new MemoryStream();
        await using (var writer = ExtractWriter.Create(ExtractFormat.Parquet, file, Fields))
        {
            foreach (var record in records)
            {
                await writer.WriteAsync(record, default);
            }

            await writer.CompleteAsync(default);
        }

        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file, new ParquetOptions { UseDateOnlyTypeForDates = true });
        var schema = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        Assert.True(IsText(schema["name"]));
        Assert.Equal(typeof(long), schema["children"].ClrType);
        var award = Assert.IsType<DecimalDataField>(schema["award"]);
        Assert.Equal(2, award.Scale);
        Assert.Equal(typeof(bool), schema["active"].ClrType);
        Assert.Equal(typeof(DateOnly), schema["born"].ClrType);
        Assert.Equal(typeof(DateTime), schema["seen"].ClrType);
        Assert.True(IsText(schema["bornYear"]));
        Assert.All(schema.Values, f => Assert.True(f.IsNullable));

        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(new string?[] { "Ann", "Bob", null }, await ReadAsync<string>(group, schema["name"]));
        Assert.Equal([2L, -9007199254740993L, null], await ReadNullableAsync<long>(group, schema["children"]));
        Assert.Equal([181.30m, 12.50m, null], await ReadNullableAsync<decimal>(group, schema["award"]));
        Assert.Equal([true, false, null], await ReadNullableAsync<bool>(group, schema["active"]));
        Assert.Equal([new DateOnly(1950, 3, 4), new DateOnly(1990, 1, 1), null], await ReadNullableAsync<DateOnly>(group, schema["born"]));
        var seen = await ReadNullableAsync<DateTime>(group, schema["seen"]);
        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), seen[0]!.Value.ToUniversalTime());
        Assert.Equal(new DateTime(2026, 11, 25, 10, 30, 0, DateTimeKind.Utc), seen[1]!.Value.ToUniversalTime());
        Assert.Null(seen[2]);
        Assert.Equal(new string?[] { "1950", "1990", null }, await ReadAsync<string>(group, schema["bornYear"]));
    }

    [Fact]
    public async Task An_empty_extract_still_has_its_typed_schema()
    {
        using var file = new MemoryStream();
        await using (var writer = ExtractWriter.Create(ExtractFormat.Parquet, file, Fields))
        {
            await writer.CompleteAsync(default);
        }

        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file);
        Assert.Equal(typeof(long), reader.Schema.GetDataFields().Single(f => f.Name == "children").ClrType);
    }

    [Fact]
    public async Task A_stored_value_that_is_not_of_the_schema_type_fails_the_extract_without_echoing_it()
    {
        using var file = new MemoryStream();
        await using var writer = ExtractWriter.Create(ExtractFormat.Parquet, file, Fields);
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await writer.WriteAsync(JsonNode.Parse("""{"children":"AB123456C"}""")!.AsObject(), default));
        Assert.Contains("children", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AB123456C", error.Message, StringComparison.Ordinal);
    }

    // The reader hands UTF-8 strings back as string or as ReadOnlyMemory<char>, depending on its options.
    private static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    private static async Task<string?[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field)
    {
        var values = new string?[group.RowCount];
        await group.ReadAsync(field, values.AsMemory());
        return values;
    }

    private static async Task<T?[]> ReadNullableAsync<T>(ParquetRowGroupReader group, DataField field)
        where T : struct
    {
        var values = new T?[group.RowCount];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values;
    }
}

using System.Text;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Governance;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Concordat.Core.Linkage;
using Concordat.Core.Quality;

namespace Concordat.Fuzz;

/// <summary>The parsers of files and sources in Core, each with its documented way of refusing bad input.</summary>
public static class ParserTargets
{
    private static readonly string[] Columns = ["nino", "name", "amount"];

    private static readonly Dataset RulesDataset = new("fuzz-people", "fuzz", "People", TableSchemaJson.Parse("""
        {"fields": [
          {"name": "nino", "type": "string", "identifier": "nino"},
          {"name": "postcode", "type": "string"},
          {"name": "dateOfBirth", "type": "date"},
          {"name": "amount", "type": "number"}
        ], "primaryKey": ["nino"]}
        """).Value);

    /// <summary>The layout the fixed-width target reads its bytes with: EBCDIC text, zoned and packed decimals.</summary>
    public static FixedWidthLayout EbcdicLayout { get; } = new()
    {
        Encoding = "ibm037",
        RecordLength = 16,
        Fields = [new FixedWidthField("nino", 1, 9), new FixedWidthField("amount", 10, 4) { Kind = "zoned", Scale = 2 }, new FixedWidthField("name", 14, 3) { Kind = "packed" }],
    };

    public static IEnumerable<FuzzTarget> All() =>
    [
        new("csv", bytes => Read(new SourceOptions { Format = SourceFormat.Csv }, bytes)),
        new("jsonl", bytes => Read(new SourceOptions { Format = SourceFormat.JsonLines }, bytes)),
        new("xml", bytes => Read(new SourceOptions { Format = SourceFormat.Xml, RecordPath = "people/person" }, bytes)),
        new("fixedwidth", bytes => Read(new SourceOptions { Format = SourceFormat.FixedWidth, Layout = EbcdicLayout }, bytes)),
        new("mapping", bytes => _ = MappingJson.Parse(Text(bytes))),
        new("schema", bytes => _ = TableSchemaJson.Parse(Text(bytes))),
        new("rules", bytes => _ = QualityRuleFile.Parse(Text(bytes), RulesDataset, id => id == RulesDataset.Id ? RulesDataset : null)),
        new("terms", Terms),
        new("linkage-settings", bytes => _ = LinkageSettingsJson.Read(Text(bytes))),
        new("linkage-model", bytes => _ = LinkageModel.Parse(Text(bytes))),
    ];

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static void Read(SourceOptions options, byte[] bytes)
    {
        try
        {
            using var source = RecordSourceFactory.Open(options, new MemoryStream(bytes), Columns);
            var rows = 0;
            while (source.Read() && rows++ < 100_000)
            {
                for (var i = 0; i < source.Columns.Count; i++)
                {
                    _ = source.GetValue(i);
                }
            }
        }
        catch (SourceFormatException)
        {
            // The documented refusal: the run fails with this message and changes nothing.
        }
    }

    // Agreement terms as `concordat agreements draft --terms FILE` reads them, then the validator every draft passes.
    private static void Terms(byte[] bytes)
    {
        AgreementDraft? draft;
        try
        {
            draft = JsonSerializer.Deserialize<AgreementDraft>(bytes, ConcordatJson.Options);
        }
        catch (JsonException)
        {
            return;
        }

        if (draft is not null)
        {
            _ = AgreementValidator.Validate(draft, id => id == RulesDataset.Id ? RulesDataset : null, id => id is "fuzz" or "leeds-council");
        }
    }
}

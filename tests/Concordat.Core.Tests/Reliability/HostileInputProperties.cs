using System.Diagnostics;
using System.Text;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Core.Ingestion.Sources;
using Concordat.Core.Linkage;
using CsCheck;

namespace Concordat.Core.Tests.Reliability;

/// <summary>
/// Issue 13 item 3, the property-test half: every parser of untrusted input, fed random bytes and mutations of a valid
/// example, either answers (rows, or a result value) or refuses with its documented exception, within a time bound.
/// No other exception, no hang. Coverage-guided fuzzing of the same entry points is not yet in the repository.
/// </summary>
public sealed class HostileInputProperties
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    private static readonly string[] ReaderColumns = ["nino", "name", "amount"];

    // Random bytes, and example-shaped inputs with a byte replaced, inserted, cut or a tail repeated: these reach deeper states.
    private static Gen<byte[]> Hostile(string seed) => Gen.OneOf(
        Gen.Byte.Array[0, 400],
        Gen.Select(Gen.Int[0, 4096], Gen.Byte, Gen.Int[0, 3], (position, value, how) => Mutate(Encoding.UTF8.GetBytes(seed), position, value, how)),
        Gen.Select(Gen.Int[0, 4096], Gen.Byte, Gen.Int[0, 4096], Gen.Byte, (p1, v1, p2, v2) => Mutate(Mutate(Encoding.UTF8.GetBytes(seed), p1, v1, 0), p2, v2, 1)));

    private static byte[] Mutate(byte[] seed, int position, byte value, int how)
    {
        if (seed.Length == 0)
        {
            return [value];
        }

        var at = position % seed.Length;
        return how switch
        {
            0 => [.. seed[..at], value, .. seed[(at + 1)..]],
            1 => [.. seed[..at], value, .. seed[at..]],
            2 => seed[..at],
            _ => [.. seed[..at], .. seed[at..], .. seed[at..]],
        };
    }

    [Fact]
    public void Csv_reader_reads_or_refuses_any_bytes() =>
        Reads(new SourceOptions { Format = SourceFormat.Csv }, "nino,name,amount\nAB123456C,\"O'Neill, Ann\",12.50\r\nCE987654D,\"Bob \"\"B\"\"\",\n");

    [Fact]
    public void Json_lines_reader_reads_or_refuses_any_bytes() =>
        Reads(new SourceOptions { Format = SourceFormat.JsonLines }, "{\"nino\":\"AB123456C\",\"name\":\"Ann\",\"amount\":12.5}\n{\"nino\":null,\"name\":{\"x\":[1,2]},\"amount\":\"1e400\"}\n");

    [Fact]
    public void Xml_reader_reads_or_refuses_any_bytes() =>
        Reads(new SourceOptions { Format = SourceFormat.Xml, RecordPath = "people/person" }, "<?xml version=\"1.0\"?><people><person><nino>AB123456C</nino><name>Ann &amp; Bob</name><amount>1</amount></person><person nino=\"x\"/></people>");

    [Fact]
    public void Fixed_width_ebcdic_reader_reads_or_refuses_any_bytes()
    {
        var layout = new FixedWidthLayout
        {
            Encoding = "ibm037",
            RecordLength = 16,
            Fields = [new FixedWidthField("nino", 1, 9), new FixedWidthField("amount", 10, 4) { Kind = "zoned", Scale = 2 }, new FixedWidthField("name", 14, 3) { Kind = "packed" }],
        };
        Assert.True(FixedWidthRecordSource.Validate(layout).IsSuccess);
        Reads(new SourceOptions { Format = SourceFormat.FixedWidth, Layout = layout }, "ABCDEFGHI1234\u0012\u0034\u005C0000000000000000");
    }

    [Fact]
    public void Mapping_files_parse_or_refuse_as_values() =>
        Parses(MappingText, text => MappingJson.Parse(text).IsSuccess);

    [Fact]
    public void Table_schemas_parse_or_refuse_as_values() =>
        Parses("""{"fields":[{"name":"nino","type":"string","identifier":"nino","personalData":"personal"},{"name":"dob","type":"date"}],"primaryKey":["nino"]}""",
            text => TableSchemaJson.Parse(text).IsSuccess);

    [Fact]
    public void Linkage_settings_parse_or_refuse_as_values() =>
        Parses("""{"blocking":[["nino"]],"comparisons":[{"field":"givenName","method":"jaroWinkler","levels":[0.95,0.8]}],"thresholds":{"match":0.9,"review":0.5}}""",
            text => LinkageSettingsJson.Read(text).IsSuccess);

    [Fact]
    public void Linkage_models_parse_or_refuse_as_values() =>
        Parses("""{"format":"concordat-linkage-model/1","prior":0.001,"comparisons":[{"field":"givenName","levels":[{"m":0.9,"u":0.01}]}]}""",
            text => LinkageModel.Parse(text).IsSuccess);

    private const string MappingText = """{"format":"csv","key":["nino"],"fields":[{"source":"NI_NUMBER","target":"nino","transform":"nino"},{"source":"DOB","target":"dateOfBirth","transform":{"date":"dd/MM/yyyy"}}]}""";

    private static void Reads(SourceOptions options, string seed)
    {
        Hostile(seed).Sample(bytes =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var source = RecordSourceFactory.Open(options, new MemoryStream(bytes), ReaderColumns);
                var rows = 0;
                while (source.Read() && rows++ < 10_000)
                {
                    for (var i = 0; i < source.Columns.Count; i++)
                    {
                        _ = source.GetValue(i);
                    }
                }
            }
            catch (SourceFormatException)
            {
                // The documented refusal: the run fails with this message, nothing half-loaded.
            }

            Assert.True(clock.Elapsed < Bound, $"{options.Format} took {clock.Elapsed} on {bytes.Length} bytes");
        }, iter: 3000);
    }

    private static void Parses(string seed, Func<string, bool> parse)
    {
        Hostile(seed).Sample(bytes =>
        {
            var clock = Stopwatch.StartNew();
            _ = parse(Encoding.UTF8.GetString(bytes));
            Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed} on {bytes.Length} bytes");
        }, iter: 3000);
    }
}

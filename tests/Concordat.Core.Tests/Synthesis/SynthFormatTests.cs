using System.Text;
using System.Text.Json;
using Concordat.Core.Ingestion;
using Concordat.Core.Synthesis;
using Concordat.Core.Synthesis.Internal;

namespace Concordat.Core.Tests.Synthesis;

public sealed class SynthFormatTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly SynthRun Clean = SynthRun.Generate(new SynthOptions { People = 5000, Seed = 3, Errors = SynthErrorRates.None });

    [Fact]
    public void Dvla_file_is_whole_fixed_length_ebcdic_records_with_the_expected_names()
    {
        var bytes = Clean.Bytes(SynthPaths.Data(SynthDepartment.Dvla));
        Assert.Equal(Clean.Summary.Records[SynthDepartment.Dvla] * DvlaLayout.RecordLength, bytes.Length);
        // No separators: every record starts exactly RecordLength bytes after the previous one.
        Assert.All(Clean.Dvla(), r => Assert.Matches("^1[0-9]{9}$", SynthRun.EbcdicText(r["REC_NO"])));

        var truth = Clean.Truth();
        var records = Clean.Dvla();
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            var person = Clean.Person(truth[("dvla", SynthRun.EbcdicText(record["REC_NO"]))]);
            var surname = person.FamilyName.ToUpperInvariant();
            Assert.Equal(surname.Length > 30 ? surname[..30] : surname, SynthRun.EbcdicText(record["SURNAME"]));
            Assert.StartsWith(person.GivenName.ToUpperInvariant(), SynthRun.EbcdicText(record["FORENAMES"]));
            Assert.Equal(person.DateOfBirth.ToString("yyyyMMdd"), SynthRun.EbcdicText(record["DOB"]));
            Assert.Equal(person.CurrentAddress.Postcode, SynthRun.EbcdicText(record["POSTCODE"]));
            Assert.Matches("^[A-Z9]{5}[0-9][0156][0-9][0-3][0-9][0-9][A-Z9]{2}9[A-Z]{2}$", SynthRun.EbcdicText(record["DRIVER_NO"]));

            Assert.InRange(Zoned(record["ISSUE_NO"]), 1, 12);
            Assert.Contains(Packed(record["POINTS"], 0), new[] { 0m, 3m, 6m, 9m });
            Assert.Contains(Packed(record["FEE_PAID"], 2), new[] { 0m, 14.00m, 34.00m, 43.00m });
        }

        // Accented capitals survive code page 037 (e.g. ZOË), proving the file is not ASCII or UTF-8.
        Assert.Contains(records, r => SynthRun.EbcdicText(r["FORENAMES"]).Any(c => c > 127));
    }

    [Fact]
    public void Dvla_layout_file_describes_the_records_in_the_ingestion_shape()
    {
        var json = Clean.Bytes(SynthPaths.DvlaLayout);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("ibm037", document.RootElement.GetProperty("encoding").GetString());
        Assert.Equal(220, document.RootElement.GetProperty("recordLength").GetInt32());
        var packed = document.RootElement.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "FEE_PAID");
        Assert.Equal("packed", packed.GetProperty("kind").GetString());
        Assert.Equal(2, packed.GetProperty("scale").GetInt32());

        var layout = JsonSerializer.Deserialize<FixedWidthLayout>(json, Web)!;
        Assert.Equal(DvlaLayout.Layout.Fields, layout.Fields);
        Assert.All(layout.Fields, f => Assert.InRange(f.Start + f.Length - 1, 1, layout.RecordLength!.Value));
        var sorted = layout.Fields.OrderBy(f => f.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            Assert.True(sorted[i].Start >= sorted[i - 1].Start + sorted[i - 1].Length, "fields overlap");
        }
    }

    [Fact]
    public void Hmrc_csv_is_windows_1252_with_a_header_and_crlf_lines()
    {
        var bytes = Clean.Bytes(SynthPaths.Data(SynthDepartment.Hmrc));
        var text = SynthRun.Windows1252.GetString(bytes);
        Assert.StartsWith("TAXPAYER_REF,NINO,SURNAME,FORENAMES,DOB,", text);
        Assert.EndsWith("\r\n", text);

        // A name with é is held as the single byte 0xE9, never UTF-8's C3 A9.
        var withAcute = Clean.Hmrc().Where(r => r["FORENAMES"].Contains('é')).ToList();
        Assert.NotEmpty(withAcute);
        Assert.Contains((byte)0xE9, bytes);
        Assert.Equal(-1, bytes.AsSpan().IndexOf([(byte)0xC3, (byte)0xA9]));
        Assert.Contains("\uFFFD", Encoding.UTF8.GetString(bytes));
        var name = withAcute[0]["FORENAMES"].Split(' ')[0];
        Assert.True(bytes.AsSpan().IndexOf(SynthRun.Windows1252.GetBytes(name)) >= 0);
        Assert.Equal(name.Length, SynthRun.Windows1252.GetBytes(name).Length);
    }

    [Fact]
    public void Hmrc_fields_with_commas_are_quoted()
    {
        var employers = Clean.Hmrc().Select(r => r["EMPLOYER_NAME"]).ToHashSet();
        Assert.Contains("Jones, Smith & Partners LLP", employers);
    }

    [Fact]
    public void Dwp_lines_are_camel_case_json_with_a_nested_address_and_iso_dates()
    {
        var claims = Clean.Dwp();
        Assert.Equal(Clean.Summary.Records[SynthDepartment.Dwp], claims.Count);
        foreach (var claim in claims)
        {
            Assert.Matches("^CLM[0-9]{9}$", claim.GetProperty("claimantId").GetString());
            Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", claim.GetProperty("dateOfBirth").GetString());
            var address = claim.GetProperty("address");
            Assert.Equal(JsonValueKind.Object, address.ValueKind);
            Assert.False(string.IsNullOrEmpty(address.GetProperty("town").GetString()));
            Assert.True(claim.GetProperty("awardAmount").GetDecimal() > 0);
        }

        Assert.Contains(claims, c => c.TryGetProperty("nhsNumber", out _));
        Assert.Contains(claims, c => !c.TryGetProperty("nhsNumber", out _));
        Assert.Contains(claims, c => c.GetProperty("claimStatus").GetString() == "ceased" && c.GetProperty("dateOfDeath").ValueKind == JsonValueKind.String);
        var text = Encoding.UTF8.GetString(Clean.Bytes(SynthPaths.Data(SynthDepartment.Dwp)));
        Assert.Contains("O'", text);
    }

    [Fact]
    public void Council_xml_is_well_formed_with_the_uprn_of_the_address_held()
    {
        var truth = Clean.Truth();
        var residents = Clean.Council();
        Assert.Equal(Clean.Summary.Records[SynthDepartment.Council], residents.Count);
        foreach (var resident in residents)
        {
            var person = Clean.Person(truth[("council", resident.Attribute("id")!.Value)]);
            Assert.Equal(person.CurrentAddress.Uprn, long.Parse(resident.Attribute("uprn")!.Value));
            Assert.Equal(person.FamilyName, resident.Element("Name")!.Element("Family")!.Value);
        }
    }

    [Fact]
    public void Mapping_files_map_real_source_columns_to_schema_fields()
    {
        var csvHeader = Csv.Parse(SynthRun.Windows1252.GetString(Clean.Bytes(SynthPaths.Data(SynthDepartment.Hmrc))))[0];
        var dwpColumns = Clean.Dwp().SelectMany(c => Paths(c, "")).ToHashSet();
        var councilColumns = Clean.Council().SelectMany(r => r.Attributes().Select(a => "@" + a.Name.LocalName)
            .Concat(r.Descendants().Where(e => !e.HasElements).Select(e => string.Join('/', e.AncestorsAndSelf().TakeWhile(a => a != r).Reverse().Select(a => a.Name.LocalName))))).ToHashSet();
        var dvlaColumns = DvlaLayout.Layout.Fields.Select(f => f.Name).ToHashSet();

        var expected = new Dictionary<SynthDepartment, (string Format, string Encoding, ISet<string> Columns)>
        {
            [SynthDepartment.Hmrc] = ("csv", "windows-1252", csvHeader.ToHashSet()),
            [SynthDepartment.Dwp] = ("jsonLines", "utf-8", dwpColumns),
            [SynthDepartment.Dvla] = ("fixedWidth", "ibm037", dvlaColumns),
            [SynthDepartment.Council] = ("xml", "utf-8", councilColumns),
        };

        foreach (var (department, (format, encoding, columns)) in expected)
        {
            using var mapping = JsonDocument.Parse(Clean.Bytes(SynthPaths.Mapping(department)));
            using var schema = JsonDocument.Parse(Clean.Bytes(SynthPaths.Schema(department)));
            var source = mapping.RootElement.GetProperty("source");
            Assert.Equal(format, source.GetProperty("format").GetString());
            Assert.Equal(encoding, source.GetProperty("encoding").GetString());
            Assert.Equal("full", mapping.RootElement.GetProperty("mode").GetString());
            var schemaFields = schema.RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToHashSet();

            foreach (var field in mapping.RootElement.GetProperty("fields").EnumerateArray())
            {
                Assert.Contains(field.GetProperty("field").GetString()!, schemaFields);
                Assert.Contains(field.GetProperty("from").GetString()!, columns);
                foreach (var transform in field.GetProperty("transforms").EnumerateArray())
                {
                    Assert.True(transform.ValueKind == JsonValueKind.String || transform.TryGetProperty("op", out _));
                }
            }
        }

        using var dvlaMapping = JsonDocument.Parse(Clean.Bytes(SynthPaths.Mapping(SynthDepartment.Dvla)));
        Assert.Equal("drivers.layout.json", dvlaMapping.RootElement.GetProperty("source").GetProperty("layoutFile").GetString());
        using var hmrcMapping = JsonDocument.Parse(Clean.Bytes(SynthPaths.Mapping(SynthDepartment.Hmrc)));
        var dob = hmrcMapping.RootElement.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "dateOfBirth");
        Assert.Equal("trim", dob.GetProperty("transforms")[0].GetString());
        Assert.Equal("dd/MM/yyyy", dob.GetProperty("transforms")[1].GetProperty("formats")[0].GetString());
    }

    [Fact]
    public void Schema_files_are_table_schemas_with_classification_and_identifier_kinds()
    {
        var types = new[] { "string", "integer", "number", "boolean", "date", "datetime" };
        foreach (var department in SynthOptions.AllDepartments)
        {
            using var schema = JsonDocument.Parse(Clean.Bytes(SynthPaths.Schema(department)));

            // The hub must accept what synth writes, exactly as `concordat datasets add --schema` would.
            Assert.True(Concordat.Core.Catalogue.TableSchemaJson.Parse(schema.RootElement.GetRawText()).IsSuccess);
            Assert.Equal("recordId", schema.RootElement.GetProperty("primaryKey")[0].GetString());
            var fields = schema.RootElement.GetProperty("fields").EnumerateArray().ToList();
            Assert.All(fields, f =>
            {
                Assert.Contains(f.GetProperty("type").GetString(), types);
                Assert.Contains(f.GetProperty("classification").GetString(), new[] { "OFFICIAL", "OFFICIAL-SENSITIVE" });
                Assert.Contains(f.GetProperty("personalData").GetString(), new[] { "none", "personal", "special-category" });
            });
            Assert.Equal("personal", fields.Single(f => f.GetProperty("name").GetString() == "familyName").GetProperty("personalData").GetString());
        }

        using var dwp = JsonDocument.Parse(Clean.Bytes(SynthPaths.Schema(SynthDepartment.Dwp)));
        var dwpFields = dwp.RootElement.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal("nino", dwpFields["nino"].GetProperty("identifier").GetString());
        Assert.Equal("OFFICIAL-SENSITIVE", dwpFields["nino"].GetProperty("classification").GetString());
        Assert.Equal("nhsNumber", dwpFields["nhsNumber"].GetProperty("identifier").GetString());
        Assert.Equal("special-category", dwpFields["benefitType"].GetProperty("personalData").GetString());
        Assert.Equal("GBP", dwpFields["awardAmount"].GetProperty("unit").GetString());
    }

    private static IEnumerable<string> Paths(JsonElement element, string prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = prefix + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var nested in Paths(property.Value, path + "."))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static int Zoned(byte[] field)
    {
        var value = 0;
        foreach (var b in field)
        {
            Assert.Equal(0xF0, b & 0xF0);
            value = (value * 10) + (b & 0x0F);
        }

        return value;
    }

    private static decimal Packed(byte[] field, int scale)
    {
        long value = 0;
        for (var i = 0; i < field.Length; i++)
        {
            value = (value * 10) + (field[i] >> 4);
            if (i < field.Length - 1)
            {
                value = (value * 10) + (field[i] & 0x0F);
            }
        }

        var sign = field[^1] & 0x0F;
        Assert.Contains(sign, new[] { 0x0C, 0x0D, 0x0F });
        return (sign == 0x0D ? -value : value) / (decimal)Math.Pow(10, scale);
    }
}

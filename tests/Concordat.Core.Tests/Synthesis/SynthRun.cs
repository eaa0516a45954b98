using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Concordat.Core.Synthesis;
using Concordat.Core.Synthesis.Internal;

namespace Concordat.Core.Tests.Synthesis;

/// <summary>One generation run in memory, with readers for each department's format and the truth.</summary>
internal sealed class SynthRun
{
    private SynthRun(SynthOptions options, SynthSummary summary, InMemorySynthOutput output)
    {
        Options = options;
        Summary = summary;
        Output = output;
        Population = new SyntheticPopulation(options.Seed, options.AsOf);
    }

    public SynthOptions Options { get; }

    public SynthSummary Summary { get; }

    public InMemorySynthOutput Output { get; }

    public SyntheticPopulation Population { get; }

    public static SynthRun Generate(SynthOptions options)
    {
        var output = new InMemorySynthOutput();
        var result = new SynthGenerator().Generate(options, output);
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => e.Message)));
        return new SynthRun(options, result.Value, output);
    }

    public static Encoding Windows1252 => SingleByteCodec.Windows1252.Encoding;

    public static Encoding Ebcdic => SingleByteCodec.Ebcdic037.Encoding;

    public byte[] Bytes(string path) => Output.Bytes(path);

    /// <summary>(department, recordId) -> person index, from truth.csv.</summary>
    public Dictionary<(string Department, string RecordId), int> Truth()
    {
        var lines = Encoding.UTF8.GetString(Bytes(SynthPaths.Truth)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("department,recordId,personId", lines[0]);
        var truth = new Dictionary<(string, string), int>();
        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split(',');
            Assert.Equal(3, parts.Length);
            Assert.StartsWith("P", parts[2]);
            truth.Add((parts[0], parts[1]), int.Parse(parts[2][1..]) - 1);
        }

        return truth;
    }

    public SyntheticPerson Person(int index) => Population.CreatePerson(index);

    /// <summary>HMRC rows as column -> value, decoded from windows-1252.</summary>
    public List<Dictionary<string, string>> Hmrc()
    {
        var text = Windows1252.GetString(Bytes(SynthPaths.Data(SynthDepartment.Hmrc)));
        var rows = Csv.Parse(text);
        var header = rows[0];
        return [.. rows.Skip(1).Select(r =>
        {
            Assert.Equal(header.Count, r.Count);
            return header.Zip(r).ToDictionary(p => p.First, p => p.Second);
        })];
    }

    public List<JsonElement> Dwp()
    {
        var text = Encoding.UTF8.GetString(Bytes(SynthPaths.Data(SynthDepartment.Dwp)));
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    /// <summary>DVLA records as field name -> raw bytes.</summary>
    public List<Dictionary<string, byte[]>> Dvla()
    {
        var bytes = Bytes(SynthPaths.Data(SynthDepartment.Dvla));
        var layout = DvlaLayout.Layout;
        var records = new List<Dictionary<string, byte[]>>();
        for (var offset = 0; offset + layout.RecordLength!.Value <= bytes.Length; offset += layout.RecordLength.Value)
        {
            records.Add(layout.Fields.ToDictionary(f => f.Name, f => bytes.AsSpan(offset + f.Start - 1, f.Length).ToArray()));
        }

        return records;
    }

    public static string EbcdicText(byte[] field) => Ebcdic.GetString(field).TrimEnd();

    public List<XElement> Council()
    {
        using var stream = new MemoryStream(Bytes(SynthPaths.Data(SynthDepartment.Council)));
        var document = XDocument.Load(stream);
        Assert.Equal("Residents", document.Root!.Name.LocalName);
        return [.. document.Root.Elements("Resident")];
    }

    /// <summary>Every record as (department, recordId, date of birth text in ISO form or null, given name, family name).</summary>
    public IEnumerable<(string Department, string RecordId, string? DateOfBirth, string GivenName, string FamilyName)> NameAndBirthRecords()
    {
        foreach (var row in Hmrc())
        {
            var dob = row["DOB"].Length == 0 ? null : $"{row["DOB"][6..]}-{row["DOB"][3..5]}-{row["DOB"][..2]}";
            yield return ("hmrc", row["TAXPAYER_REF"], dob, row["FORENAMES"].Split(' ')[0], row["SURNAME"]);
        }

        foreach (var claim in Dwp())
        {
            yield return ("dwp", claim.GetProperty("claimantId").GetString()!, claim.GetProperty("dateOfBirth").GetString(),
                claim.GetProperty("firstName").GetString()!, claim.GetProperty("lastName").GetString()!);
        }

        foreach (var record in Dvla())
        {
            var dob = EbcdicText(record["DOB"]);
            yield return ("dvla", EbcdicText(record["REC_NO"]), dob.Length == 0 ? null : $"{dob[..4]}-{dob[4..6]}-{dob[6..]}",
                EbcdicText(record["FORENAMES"]).Split(' ')[0], EbcdicText(record["SURNAME"]));
        }

        foreach (var resident in Council())
        {
            var dob = resident.Element("DateOfBirth")!.Value;
            var name = resident.Element("Name")!;
            yield return ("council", resident.Attribute("id")!.Value, dob.Length == 0 ? null : dob,
                name.Element("Given")!.Value, name.Element("Family")!.Value);
        }
    }
}

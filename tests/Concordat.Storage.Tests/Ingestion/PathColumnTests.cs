using System.Text;
using Concordat.Core.Ingestion;
using Concordat.Storage.Tests.Sqlite;

namespace Concordat.Storage.Tests.Ingestion;

/// <summary>
/// JSON lines and XML sources name their columns by path, so a typo cannot be caught from a header (issue 15.11): a
/// path that no row has, or a recordPath that matches nothing, must fail the run by name and change nothing, while
/// a value some rows leave out (or every row, when the mapping says the field is optional) still loads.
/// </summary>
public sealed class PathColumnTests : IDisposable
{
    private const string Dataset = "hmrc-taxpayers";
    private const string Residents = """
        <Residents>
          <Resident ref="1"><Family>Evans</Family><Nino>AB123456C</Nino></Resident>
          <Resident ref="2"><Family>Khan</Family></Resident>
        </Residents>
        """;

    private readonly TempDatabase _db = new();
    private readonly IngestService _service;

    public PathColumnTests()
    {
        _service = new IngestService(_db.Catalogue, _db.Ingest, TimeProvider.System);
    }

    private static IngestMapping Xml(string family = "Family", string recordPath = "/Residents/Resident", bool ninoOptional = false) => new()
    {
        Source = new SourceOptions { Format = SourceFormat.Xml, RecordPath = recordPath },
        Mode = RefreshMode.Incremental,
        Fields =
        [
            new FieldMapping("recordId") { From = "@ref" },
            new FieldMapping("familyName") { From = family },
            new FieldMapping("nino") { From = "Nino", Optional = ninoOptional },
        ],
    };

    private static IngestMapping JsonLines(string family) => new()
    {
        Source = new SourceOptions { Format = SourceFormat.JsonLines },
        Mode = RefreshMode.Incremental,
        Fields = [new FieldMapping("recordId") { From = "ref" }, new FieldMapping("familyName") { From = family }],
    };

    private async Task<IngestRun> IngestAsync(IngestMapping mapping, string content) =>
        (await _service.IngestAsync(
            new IngestRequest(Dataset, "test", mapping, "test") { Content = new MemoryStream(Encoding.UTF8.GetBytes(content)) },
            CancellationToken.None)).Value;

    [Fact]
    public async Task Xml_path_typo_in_an_incremental_run_fails_and_leaves_the_records_as_they_were()
    {
        await _db.SeedDatasetAsync();
        Assert.Equal(IngestRunStatus.Succeeded, (await IngestAsync(Xml(), Residents)).Status);

        var run = await IngestAsync(Xml(family: "Famly"), Residents);

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Equal(
            "The mapping reads 'Famly', which matched nothing in any of the source's 2 rows; nothing was changed. Check the path in the mapping's \"from\", or mark the field \"optional\": true if the source may leave it out of every row.",
            run.Error);
        var record = await _db.Records.GetRecordAsync(Dataset, "1", default);
        Assert.Equal(1, record!.Version);
        Assert.Contains("Evans", record.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lines_path_typo_fails_naming_every_unmatched_path()
    {
        await _db.SeedDatasetAsync();
        var mapping = JsonLines("name.famly") with
        {
            Fields = [new FieldMapping("recordId") { From = "ref" }, new FieldMapping("familyName") { From = "name.famly" }, new FieldMapping("nino") { From = "NINO" }],
        };

        var run = await IngestAsync(mapping, "{\"ref\":\"J1\",\"name\":{\"family\":\"Khan\"}}\n{\"ref\":\"J2\",\"nino\":null}\n");

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.StartsWith("The mapping reads 'name.famly', 'NINO', which matched nothing in any of the source's 2 rows", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await _db.Records.CountRecordsAsync(Dataset, default));
    }

    [Fact]
    public async Task A_path_some_rows_leave_out_or_hold_as_null_still_loads()
    {
        await _db.SeedDatasetAsync();
        var json = await IngestAsync(JsonLines("family"), "{\"ref\":\"J1\",\"family\":\"Khan\"}\n{\"ref\":\"J2\"}\n");
        var xml = await IngestAsync(Xml(), Residents);
        var nulls = await IngestAsync(JsonLines("family"), "{\"ref\":\"J3\",\"family\":null}\n");

        Assert.Equal((IngestRunStatus.Succeeded, 2L), (json.Status, json.Counts.RowsLoaded));
        Assert.Equal((IngestRunStatus.Succeeded, 2L), (xml.Status, xml.Counts.RowsLoaded));
        Assert.Equal((IngestRunStatus.Succeeded, 1L), (nulls.Status, nulls.Counts.RowsLoaded));
    }

    [Fact]
    public async Task An_optional_path_may_be_missing_from_every_row()
    {
        await _db.SeedDatasetAsync();
        const string noNinos = """<Residents><Resident ref="3"><Family>Jones</Family></Resident></Residents>""";

        Assert.Equal(IngestRunStatus.Failed, (await IngestAsync(Xml(), noNinos)).Status);
        var run = await IngestAsync(Xml(ninoOptional: true), noNinos);

        Assert.Equal(IngestRunStatus.Succeeded, run.Status);
        Assert.Equal(1, run.Counts.RowsLoaded);
    }

    [Theory]
    [InlineData("/Residents/Residnet", "<Resident> at /Residents/Resident where the path expects <Residnet>")]
    [InlineData("/Resdients/Resident", "<Residents> at /Residents where the path expects <Resdients>")]
    [InlineData("/Export/Residents/Resident", "<Residents> at /Residents where the path expects <Export>")]
    public async Task Record_path_that_matches_nothing_fails_instead_of_loading_no_rows(string recordPath, string expected)
    {
        await _db.SeedDatasetAsync();
        var run = await IngestAsync(Xml(recordPath: recordPath), Residents);

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.StartsWith($"The recordPath '{recordPath}' matched no element, so no record was read", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<Residents/>")]
    [InlineData("<Residents>\n</Residents>")]
    [InlineData("<Export><Meta created=\"2026-01-01\"/><Residents/></Export>")]
    [InlineData("<Residents><Header created=\"2026-01-01\"><Count>0</Count></Header></Residents>")]
    public async Task A_document_with_no_records_where_the_records_belong_is_an_empty_incremental_run(string document)
    {
        await _db.SeedDatasetAsync();
        var recordPath = document.StartsWith("<Export>", StringComparison.Ordinal) ? "/Export/Residents/Resident" : "/Residents/Resident";
        var run = await IngestAsync(Xml(recordPath: recordPath), document);

        Assert.Equal(IngestRunStatus.Succeeded, run.Status);
        Assert.Equal(0, run.Counts.RowsRead);
    }

    [Fact]
    public void Optional_is_read_from_mapping_files()
    {
        var parsed = MappingJson.Parse("""{"source": {"format": "xml"}, "fields": [{"field": "nino", "from": "Nino", "optional": true}]}""");

        Assert.True(parsed.Value.Fields.Single().Optional);
    }

    public void Dispose() => _db.Dispose();
}

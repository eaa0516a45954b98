using System.Text;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;

namespace Concordat.Storage.Tests.Contracts;

/// <summary>
/// The rules of an ingest run that rest on the store's answers, run through the whole pipeline on every dialect.
/// Duplicate keys (issue 15.10): for each key the first row that passes validation is loaded, a quarantined row never
/// claims its key, and every later valid row with the key is quarantined with its values and a reason naming the row
/// that was loaded, on a first load, an incremental run and a full refresh, and across the pipeline's batches.
/// Change detection (issue 15.13): values are compared as the schema types them.
/// </summary>
public abstract class IngestRulesContract : StoreContract
{
    private const string Dataset = "hmrc-taxpayers";
    private const string Header = "REF,NINO,SURNAME,DOB\n";

    /// <summary>How the dataset stands when the run under test starts.</summary>
    public enum Start
    {
        FirstLoad,
        Incremental,
        FullRefresh,
    }

    private IngestService Service => new(Stores.Catalogue, Stores.Ingest, TimeProvider.System);

    private static IngestMapping Mapping(RefreshMode mode) => new()
    {
        Source = new SourceOptions { Format = SourceFormat.Csv },
        Mode = mode,
        Fields =
        [
            new FieldMapping("recordId") { From = "REF" },
            new FieldMapping("nino") { From = "NINO", Transforms = [new TransformSpec("nino")] },
            new FieldMapping("familyName") { From = "SURNAME", Transforms = [new TransformSpec("title")] },
            new FieldMapping("dateOfBirth") { From = "DOB", Transforms = [new TransformSpec("parseDate") { Formats = ["dd/MM/yyyy"] }] },
        ],
    };

    private async Task<IngestRun> IngestAsync(string csv, IngestMapping mapping, string dataset = Dataset) =>
        (await Service.IngestAsync(
            new IngestRequest(dataset, "test", mapping, "test") { Content = new MemoryStream(Encoding.UTF8.GetBytes(csv)) },
            CancellationToken.None)).Value;

    /// <summary>Seeds the dataset as <paramref name="start"/> needs and returns the mode of the run under test.</summary>
    private async Task<RefreshMode> PrepareAsync(Start start)
    {
        await Stores.SeedDatasetAsync();
        if (start != Start.FirstLoad)
        {
            var seeded = await IngestAsync(Header + "1,AB123456C,OLD,01/02/1980\n2,CE123456D,KEPT,03/04/1975\n", Mapping(RefreshMode.Full));
            Assert.Equal(2, seeded.Counts.VersionsCreated);
        }

        return start == Start.Incremental ? RefreshMode.Incremental : RefreshMode.Full;
    }

    [Theory]
    [InlineData(Start.FirstLoad)]
    [InlineData(Start.Incremental)]
    [InlineData(Start.FullRefresh)]
    public async Task Valid_row_after_a_quarantined_row_with_the_same_key_is_loaded(Start start)
    {
        var mode = await PrepareAsync(start);
        var run = await IngestAsync(Header + "1,QQ123456A,BAD,01/02/1980\n1,AB123456C,NEW,01/02/1980\n2,CE123456D,KEPT,03/04/1975\n", Mapping(mode));

        Assert.Equal(IngestRunStatus.Succeeded, run.Status);
        Assert.Equal((3L, 2L, 1L), (run.Counts.RowsRead, run.Counts.RowsLoaded, run.Counts.RowsQuarantined));
        Assert.Equal(0, run.Counts.Tombstones);
        Assert.Contains("\"familyName\":\"New\"", (await Stores.Records.GetRecordAsync(Dataset, "1", default))!.PayloadJson, StringComparison.Ordinal);
        var bad = Assert.Single(await Stores.Ingest.GetQuarantineAsync(run.Id, 0, 10, default));
        Assert.Equal(2, bad.RowNumber);
        Assert.StartsWith("nino:", Assert.Single(bad.Reasons), StringComparison.Ordinal);
        Assert.Equal("BAD", bad.Values["SURNAME"]);
    }

    [Theory]
    [InlineData(Start.FirstLoad)]
    [InlineData(Start.Incremental)]
    [InlineData(Start.FullRefresh)]
    public async Task Later_valid_duplicate_is_quarantined_with_its_values_and_the_row_that_was_loaded(Start start)
    {
        var mode = await PrepareAsync(start);
        var run = await IngestAsync(
            Header + "2,CE123456D,KEPT,03/04/1975\n1,AB123456C,FIRST,01/02/1980\n1,QQ123456A,BAD,01/02/1980\n1,AB123456C,SECOND,05/06/1981\n",
            Mapping(mode));

        Assert.Equal((4L, 2L, 2L), (run.Counts.RowsRead, run.Counts.RowsLoaded, run.Counts.RowsQuarantined));
        Assert.Contains("\"familyName\":\"First\"", (await Stores.Records.GetRecordAsync(Dataset, "1", default))!.PayloadJson, StringComparison.Ordinal);
        var rows = await Stores.Ingest.GetQuarantineAsync(run.Id, 0, 10, default);
        Assert.Equal([4L, 5L], rows.Select(r => r.RowNumber));
        var duplicate = rows[1];
        Assert.Equal("Duplicate key '1': row 3 of this source has the same key and was loaded; this row was not.", Assert.Single(duplicate.Reasons));
        Assert.Equal(
            new Dictionary<string, string?> { ["REF"] = "1", ["NINO"] = "AB123456C", ["SURNAME"] = "SECOND", ["DOB"] = "05/06/1981" },
            duplicate.Values);
    }

    [Theory]
    [InlineData(Start.FirstLoad)]
    [InlineData(Start.Incremental)]
    [InlineData(Start.FullRefresh)]
    public async Task The_duplicate_rule_holds_across_batches(Start start)
    {
        // 15,000 rows are more batches than the pipeline keeps in flight (six of 2,048): the bad row, the row that
        // loads and the duplicate all sit in different batches.
        var mode = await PrepareAsync(start);
        var csv = new StringBuilder(Header);
        csv.Append("1,QQ123456A,BAD,01/02/1980\n");
        for (var i = 2; i < 15_000; i++)
        {
            csv.Append(i).Append(",AB123456C,SMITH,01/02/1980\n");
            if (i == 10_000)
            {
                csv.Append("1,AB123456C,WINNER,01/02/1980\n");
            }
        }

        csv.Append("1,AB123456C,LATE,01/02/1980\n");
        var run = await IngestAsync(csv.ToString(), Mapping(mode));

        Assert.Equal(IngestRunStatus.Succeeded, run.Status);
        Assert.Equal((15_001L, 14_999L, 2L), (run.Counts.RowsRead, run.Counts.RowsLoaded, run.Counts.RowsQuarantined));
        Assert.Contains("\"familyName\":\"Winner\"", (await Stores.Records.GetRecordAsync(Dataset, "1", default))!.PayloadJson, StringComparison.Ordinal);
        var rows = await Stores.Ingest.GetQuarantineAsync(run.Id, 0, 10, default);
        Assert.Equal([2L, 15_002L], rows.Select(r => r.RowNumber));
        Assert.Contains("row 10002 of this source", Assert.Single(rows[1].Reasons), StringComparison.Ordinal);
        Assert.Equal("LATE", rows[1].Values["SURNAME"]);
    }

    [Fact]
    public async Task The_same_values_written_differently_are_no_change()
    {
        await Stores.SeedDatasetAsync();
        var schema = new DatasetSchema(
            [
                new SchemaField("awardId", FieldType.String),
                new SchemaField("amount", FieldType.Number) { Unit = "GBP" },
                new SchemaField("weeks", FieldType.Integer),
                new SchemaField("active", FieldType.Boolean),
                new SchemaField("startDate", FieldType.Date),
                new SchemaField("decidedAt", FieldType.DateTime),
            ],
            ["awardId"]);
        var now = TestStores.At(2026, 1, 1);
        Assert.True((await Stores.Catalogue.CreateDatasetAsync(new Dataset("dwp-awards", "hmrc", "Awards", schema) { CreatedAt = now, UpdatedAt = now }, default)).IsSuccess);
        var mapping = new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.Csv },
            Mode = RefreshMode.Incremental,
            Fields =
            [
                new FieldMapping("awardId") { From = "ID" },
                new FieldMapping("amount") { From = "AMOUNT" },
                new FieldMapping("weeks") { From = "WEEKS" },
                new FieldMapping("active") { From = "ACTIVE" },
                new FieldMapping("startDate") { From = "START", Transforms = [new TransformSpec("parseDate") { Formats = ["dd/MM/yyyy", "yyyyMMdd"] }] },
                new FieldMapping("decidedAt") { From = "DECIDED" },
            ],
        };
        const string Head = "ID,AMOUNT,WEEKS,ACTIVE,START,DECIDED\n";

        var first = await IngestAsync(Head + "A1,211.00,07,Y,01/02/2024,2024-06-01T13:00:00+01:00\nA2,5,1,no,02/02/2024,2024-06-01T12:00:00Z\n", mapping, "dwp-awards");
        var again = await IngestAsync(Head + "A1,211.0,7,true,20240201,2024-06-01T12:00:00.000Z\nA2,5.000,+1,0,20240202,2024-06-01T12:00Z\n", mapping, "dwp-awards");
        var changed = await IngestAsync(Head + "A1,211.01,7,true,20240201,2024-06-01T12:00:00Z\n", mapping, "dwp-awards");

        Assert.Equal(2, first.Counts.VersionsCreated);
        Assert.Equal((0L, 2L), (again.Counts.VersionsCreated, again.Counts.Unchanged));
        Assert.Equal(1, changed.Counts.VersionsCreated);
        var history = await Stores.Records.GetHistoryAsync("dwp-awards", "A1", default);
        Assert.Equal(
            """{"awardId":"A1","amount":211,"weeks":7,"active":true,"startDate":"2024-02-01","decidedAt":"2024-06-01T12:00:00Z"}""",
            history[0].PayloadJson);
        Assert.Contains("\"amount\":211.01", history[1].PayloadJson, StringComparison.Ordinal);
    }
}

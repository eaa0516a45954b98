using System.Text;
using Concordat.Core.Ingestion;
using Concordat.Storage.Tests.Sqlite;

namespace Concordat.Storage.Tests.Ingestion;

/// <summary>
/// The duplicate-key rule of an ingest run (issue 15.10): for each key, the first row that passes validation is
/// loaded; a quarantined row never claims its key; every later valid row with the key is quarantined with its values
/// and a reason naming the row that was loaded. It must hold on a first load, an incremental run and a full refresh,
/// and across the pipeline's batches.
/// </summary>
public sealed class DuplicateKeyTests : IDisposable
{
    private const string Dataset = "hmrc-taxpayers";
    private const string Header = "REF,NINO,SURNAME,DOB\n";
    private readonly TempDatabase _db = new();
    private readonly IngestService _service;

    public DuplicateKeyTests()
    {
        _service = new IngestService(_db.Catalogue, _db.Ingest, TimeProvider.System);
    }

    /// <summary>How the dataset stands when the run under test starts.</summary>
    public enum Start
    {
        FirstLoad,
        Incremental,
        FullRefresh,
    }

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

    private async Task<IngestRun> IngestAsync(string csv, RefreshMode mode)
    {
        var result = await _service.IngestAsync(
            new IngestRequest(Dataset, "test", Mapping(mode), "test") { Content = new MemoryStream(Encoding.UTF8.GetBytes(csv)) },
            CancellationToken.None);
        return result.Value;
    }

    /// <summary>Seeds the dataset as <paramref name="start"/> needs and returns the mode of the run under test.</summary>
    private async Task<RefreshMode> PrepareAsync(Start start)
    {
        await _db.SeedDatasetAsync();
        if (start != Start.FirstLoad)
        {
            var seeded = await IngestAsync(Header + "1,AB123456C,OLD,01/02/1980\n2,CE123456D,KEPT,03/04/1975\n", RefreshMode.Full);
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
        var run = await IngestAsync(
            Header + "1,QQ123456A,BAD,01/02/1980\n1,AB123456C,NEW,01/02/1980\n2,CE123456D,KEPT,03/04/1975\n",
            mode);

        Assert.Equal(IngestRunStatus.Succeeded, run.Status);
        Assert.Equal((3L, 2L, 1L), (run.Counts.RowsRead, run.Counts.RowsLoaded, run.Counts.RowsQuarantined));
        Assert.Equal(0, run.Counts.Tombstones);
        Assert.Contains("\"familyName\":\"New\"", (await _db.Ingest.GetRecordAsync(Dataset, "1", default))!.PayloadJson, StringComparison.Ordinal);
        var bad = Assert.Single(await _db.Ingest.GetQuarantineAsync(run.Id, 0, 10, default));
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
            mode);

        Assert.Equal((4L, 2L, 2L), (run.Counts.RowsRead, run.Counts.RowsLoaded, run.Counts.RowsQuarantined));
        Assert.Contains("\"familyName\":\"First\"", (await _db.Ingest.GetRecordAsync(Dataset, "1", default))!.PayloadJson, StringComparison.Ordinal);
        var rows = await _db.Ingest.GetQuarantineAsync(run.Id, 0, 10, default);
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
    public async Task The_rule_holds_across_batches(Start start)
    {
        // 30,000 rows are many more batches than the pipeline keeps in flight: the bad row, the row that loads and the
        // duplicate all sit in different batches.
        var mode = await PrepareAsync(start);
        var csv = new StringBuilder(Header);
        csv.Append("1,QQ123456A,BAD,01/02/1980\n");
        for (var i = 2; i < 30_000; i++)
        {
            csv.Append(i).Append(",AB123456C,SMITH,01/02/1980\n");
            if (i == 20_000)
            {
                csv.Append("1,AB123456C,WINNER,01/02/1980\n");
            }
        }

        csv.Append("1,AB123456C,LATE,01/02/1980\n");
        var run = await IngestAsync(csv.ToString(), mode);

        Assert.Equal(IngestRunStatus.Succeeded, run.Status);
        Assert.Equal((30_001L, 29_999L, 2L), (run.Counts.RowsRead, run.Counts.RowsLoaded, run.Counts.RowsQuarantined));
        Assert.Contains("\"familyName\":\"Winner\"", (await _db.Ingest.GetRecordAsync(Dataset, "1", default))!.PayloadJson, StringComparison.Ordinal);
        var rows = await _db.Ingest.GetQuarantineAsync(run.Id, 0, 10, default);
        Assert.Equal([2L, 30_002L], rows.Select(r => r.RowNumber));
        Assert.Contains("row 20002 of this source", Assert.Single(rows[1].Reasons), StringComparison.Ordinal);
        Assert.Equal("LATE", rows[1].Values["SURNAME"]);
    }

    public void Dispose() => _db.Dispose();
}

using System.Text;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Storage.Tests.Sqlite;

namespace Concordat.Storage.Tests.Ingestion;

/// <summary>The whole ingest path (source, mapping, validation, versioning, quarantine) on a real SQLite file.</summary>
public sealed class IngestServiceTests : IDisposable
{
    private const string Dataset = "hmrc-taxpayers";
    private readonly TempDatabase _db = new();
    private readonly IngestService _service;

    public IngestServiceTests()
    {
        _service = new IngestService(_db.Catalogue, _db.Ingest, TimeProvider.System);
    }

    private static IngestMapping CsvMapping(RefreshMode mode = RefreshMode.Full, string encoding = "utf-8") => new()
    {
        Source = new SourceOptions { Format = SourceFormat.Csv, Encoding = encoding },
        Mode = mode,
        Fields =
        [
            new FieldMapping("recordId") { From = "REF", Transforms = [new TransformSpec("trim")] },
            new FieldMapping("nino") { From = "NINO", Transforms = [new TransformSpec("nino")] },
            new FieldMapping("familyName") { From = "SURNAME", Transforms = [new TransformSpec("trim"), new TransformSpec("title")] },
            new FieldMapping("dateOfBirth") { From = "DOB", Transforms = [new TransformSpec("parseDate") { Formats = ["dd/MM/yyyy"] }] },
        ],
    };

    private Task<Result<IngestRun>> IngestCsv(string csv, IngestMapping? mapping = null, Encoding? encoding = null) =>
        _service.IngestAsync(
            new IngestRequest(Dataset, "test", mapping ?? CsvMapping(), "test") { Content = new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(csv)) },
            CancellationToken.None);

    private const string Good = """
        REF,NINO,SURNAME,DOB
        1,AB 12 34 56 C,SMITH,01/02/1980
        2,CE123456D,O'BRIEN,31/12/1975
        """;

    [Fact]
    public async Task Csv_rows_are_standardised_and_stored_as_canonical_json()
    {
        await _db.SeedDatasetAsync();
        var run = (await IngestCsv(Good)).Value;

        Assert.Equal(IngestRunStatus.Succeeded, run.Status);
        Assert.Equal(2, run.Counts.RowsLoaded);
        Assert.NotNull(run.SourceSha256);
        var record = await _db.Records.GetRecordAsync(Dataset, "1", default);
        Assert.Equal("""{"recordId":"1","nino":"AB123456C","familyName":"Smith","dateOfBirth":"1980-02-01"}""", record!.PayloadJson);
        Assert.Contains("O'Brien", (await _db.Records.GetRecordAsync(Dataset, "2", default))!.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_quarantines_bad_nino_with_every_reason_and_loads_the_rest()
    {
        await _db.SeedDatasetAsync();
        var run = (await IngestCsv("""
            REF,NINO,SURNAME,DOB
            1,QQ123456A,SMITH,31/02/1980
            2,AB123456C,JONES,01/01/1990
            """)).Value;

        Assert.Equal(1, run.Counts.RowsLoaded);
        Assert.Equal(1, run.Counts.RowsQuarantined);
        var row = (await _db.Ingest.GetQuarantineAsync(run.Id, 0, 10, default)).Single();
        Assert.Equal(2, row.RowNumber);
        Assert.Equal(2, row.Reasons.Count);
        Assert.StartsWith("nino:", row.Reasons[0], StringComparison.Ordinal);
        Assert.StartsWith("dateOfBirth:", row.Reasons[1], StringComparison.Ordinal);
        Assert.Equal("QQ123456A", row.Values["NINO"]);
        Assert.Equal("31/02/1980", row.Values["DOB"]);
    }

    [Fact]
    public async Task Rerunning_the_same_file_changes_nothing()
    {
        await _db.SeedDatasetAsync();
        await IngestCsv(Good);
        var again = (await IngestCsv(Good)).Value;

        Assert.Equal(0, again.Counts.VersionsCreated);
        Assert.Equal(2, again.Counts.Unchanged);
        Assert.Equal(0, again.Counts.Tombstones);
        Assert.Single(await _db.Records.GetHistoryAsync(Dataset, "1", default));
    }

    [Fact]
    public async Task Full_refresh_versions_changes_and_tombstones_missing_rows()
    {
        await _db.SeedDatasetAsync();
        await IngestCsv(Good);
        var run = (await IngestCsv("""
            REF,NINO,SURNAME,DOB
            1,AB123456C,SMITH-JONES,01/02/1980
            """)).Value;

        Assert.Equal(1, run.Counts.VersionsCreated);
        Assert.Equal(1, run.Counts.Tombstones);
        Assert.True((await _db.Records.GetRecordAsync(Dataset, "2", default))!.IsDeleted);
        Assert.Equal(2, (await _db.Records.GetHistoryAsync(Dataset, "1", default)).Count);
    }

    [Fact]
    public async Task Quarantined_row_does_not_tombstone_its_existing_record()
    {
        await _db.SeedDatasetAsync();
        await IngestCsv(Good);
        var run = (await IngestCsv("""
            REF,NINO,SURNAME,DOB
            1,AB123456C,SMITH,01/02/1980
            2,CE123456D,O'BRIEN,not a date
            """)).Value;

        Assert.Equal(1, run.Counts.RowsQuarantined);
        Assert.Equal(0, run.Counts.Tombstones);
        Assert.False((await _db.Records.GetRecordAsync(Dataset, "2", default))!.IsDeleted);
    }

    [Fact]
    public async Task Empty_file_fails_the_run_and_keeps_existing_records()
    {
        await _db.SeedDatasetAsync();
        await IngestCsv(Good);
        var run = (await IngestCsv(string.Empty)).Value;

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Contains("delete every record", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, await _db.Records.CountRecordsAsync(Dataset, default));
    }

    [Fact]
    public async Task Mapping_that_names_a_missing_column_fails_with_the_column_named()
    {
        await _db.SeedDatasetAsync();
        var run = (await IngestCsv("REF,NI_NUMBER,SURNAME,DOB\n1,AB123456C,SMITH,01/02/1980\n")).Value;

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Contains("'NINO'", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await _db.Records.CountRecordsAsync(Dataset, default));
    }

    [Fact]
    public async Task Mapping_errors_are_reported_before_any_run()
    {
        await _db.SeedDatasetAsync();
        var mapping = CsvMapping() with
        {
            Fields = [.. CsvMapping().Fields, new FieldMapping("shoeSize"), new FieldMapping("town") { Transforms = [new TransformSpec("frobnicate")] }],
        };
        var result = await IngestCsv(Good, mapping);

        Assert.False(result.IsSuccess);
        Assert.Contains(result.Errors, e => e.Code == "mapping.unknown_field" && e.Message.Contains("shoeSize", StringComparison.Ordinal));
        Assert.Empty(await _db.Ingest.ListRunsAsync(Dataset, 10, default));
    }

    [Fact]
    public async Task Windows_1252_declared_as_utf8_fails_and_loads_nothing()
    {
        await _db.SeedDatasetAsync();
        var bytes = Encoding.Latin1.GetBytes("REF,NINO,SURNAME,DOB\n1,AB123456C,BRONTË,01/02/1980\n");
        var run = (await _service.IngestAsync(new IngestRequest(Dataset, "test", CsvMapping(), "test") { Content = new MemoryStream(bytes) }, default)).Value;

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Equal(0, await _db.Records.CountRecordsAsync(Dataset, default));
    }

    [Fact]
    public async Task Windows_1252_file_declared_as_such_keeps_accents()
    {
        await _db.SeedDatasetAsync();
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes("REF,NINO,SURNAME,DOB\n1,AB123456C,BRONTË,01/02/1980\n");
        var run = (await _service.IngestAsync(new IngestRequest(Dataset, "test", CsvMapping(encoding: "windows-1252"), "test") { Content = new MemoryStream(bytes) }, default)).Value;

        Assert.Equal(IngestRunStatus.Succeeded, run.Status);
        Assert.Contains("Brontë", (await _db.Records.GetRecordAsync(Dataset, "1", default))!.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_of_ff_bytes_fails_cleanly()
    {
        await _db.SeedDatasetAsync();
        var bytes = Enumerable.Repeat((byte)0xFF, 4096).ToArray();
        var run = (await _service.IngestAsync(new IngestRequest(Dataset, "test", CsvMapping(), "test") { Content = new MemoryStream(bytes) }, default)).Value;

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.False(string.IsNullOrWhiteSpace(run.Error));
    }

    [Fact]
    public async Task Duplicate_key_in_source_is_quarantined()
    {
        await _db.SeedDatasetAsync();
        var run = (await IngestCsv("""
            REF,NINO,SURNAME,DOB
            1,AB123456C,SMITH,01/02/1980
            1,AB123456C,SMYTH,01/02/1980
            """)).Value;

        Assert.Equal(1, run.Counts.RowsLoaded);
        Assert.Equal(1, run.Counts.RowsQuarantined);
        Assert.Contains("Duplicate key", (await _db.Ingest.GetQuarantineAsync(run.Id, 0, 10, default)).Single().Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_batches_keep_source_order_so_the_first_of_a_repeated_key_wins_across_batches()
    {
        // 30,000 rows are more batches than the pipeline keeps in flight, so batches are reused and threads hand off.
        await _db.SeedDatasetAsync();
        var csv = new StringBuilder("REF,NINO,SURNAME,DOB\n");
        for (var i = 0; i < 30_000; i++)
        {
            csv.Append(i).Append(",AB123456C,").Append(i == 25_000 ? "LATER" : "SMITH").Append(",01/02/1980\n");
        }

        csv.Append("5,AB123456C,REPEAT,01/02/1980\n");
        var run = (await IngestCsv(csv.ToString())).Value;

        Assert.Equal(IngestRunStatus.Succeeded, run.Status);
        Assert.Equal(30_001, run.Counts.RowsRead);
        Assert.Equal(30_000, run.Counts.RowsLoaded);
        var quarantined = Assert.Single(await _db.Ingest.GetQuarantineAsync(run.Id, 0, 10, default));
        Assert.Equal(30_002, quarantined.RowNumber);
        Assert.Contains("Smith", (await _db.Records.GetRecordAsync(Dataset, "5", default))!.PayloadJson, StringComparison.Ordinal);
        Assert.Contains("Later", (await _db.Records.GetRecordAsync(Dataset, "25000", default))!.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_failure_many_batches_in_fails_the_run_and_keeps_the_previous_load()
    {
        await _db.SeedDatasetAsync();
        Assert.Equal(IngestRunStatus.Succeeded, (await IngestCsv(Good)).Value.Status);
        var csv = new StringBuilder("REF,NINO,SURNAME,DOB\n");
        for (var i = 100; i < 30_100; i++)
        {
            csv.Append(i).Append(",AB123456C,SMITH,01/02/1980\n");
        }

        csv.Append("bad,AB123456C,SM\0TH,01/02/1980\n");
        var run = (await IngestCsv(csv.ToString())).Value;

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Contains("NUL", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, await _db.Records.CountRecordsAsync(Dataset, default));
    }

    [Fact]
    public async Task Cancelled_run_changes_nothing()
    {
        await _db.SeedDatasetAsync();
        var csv = new StringBuilder("REF,NINO,SURNAME,DOB\n");
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append(i).Append(",AB123456C,SMITH,01/02/1980\n");
        }

        using var cts = new CancellationTokenSource();
        var content = new CancellingStream(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), cancelAfterBytes: 200_000, cts);
        var run = (await _service.IngestAsync(
            new IngestRequest(Dataset, "test", CsvMapping(RefreshMode.Incremental), "test") { Content = content },
            cts.Token)).Value;

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Equal(0, await _db.Records.CountRecordsAsync(Dataset, default));
    }

    [Fact]
    public async Task Json_lines_and_xml_sources_load_through_the_same_mapping_rules()
    {
        await _db.SeedDatasetAsync();
        var jsonMapping = new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.JsonLines },
            Mode = RefreshMode.Incremental,
            Fields = [new FieldMapping("recordId") { From = "ref" }, new FieldMapping("familyName") { From = "name.family" }],
        };
        var json = (await _service.IngestAsync(
            new IngestRequest(Dataset, "json", jsonMapping, "test") { Content = new MemoryStream(Encoding.UTF8.GetBytes("{\"ref\":\"J1\",\"name\":{\"family\":\"Khan\"}}\nnot json\n")) },
            default)).Value;
        Assert.Equal(1, json.Counts.RowsLoaded);
        Assert.Equal(1, json.Counts.RowsQuarantined);

        var xmlMapping = new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.Xml, RecordPath = "/People/Person" },
            Mode = RefreshMode.Incremental,
            Fields = [new FieldMapping("recordId") { From = "@ref" }, new FieldMapping("familyName") { From = "Family" }],
        };
        var xml = (await _service.IngestAsync(
            new IngestRequest(Dataset, "xml", xmlMapping, "test") { Content = new MemoryStream(Encoding.UTF8.GetBytes("<People><Person ref=\"X1\"><Family>Evans</Family></Person></People>")) },
            default)).Value;
        Assert.Equal(1, xml.Counts.RowsLoaded);
        Assert.Contains("Evans", (await _db.Records.GetRecordAsync(Dataset, "X1", default))!.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xml_entity_bomb_fails_the_run()
    {
        await _db.SeedDatasetAsync();
        const string bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <People><Person ref="1"><Family>&lol2;</Family></Person></People>
            """;
        var mapping = new IngestMapping
        {
            Source = new SourceOptions { Format = SourceFormat.Xml, RecordPath = "/People/Person" },
            Fields = [new FieldMapping("recordId") { From = "@ref" }, new FieldMapping("familyName") { From = "Family" }],
        };
        var run = (await _service.IngestAsync(new IngestRequest(Dataset, "xml", mapping, "test") { Content = new MemoryStream(Encoding.UTF8.GetBytes(bomb)) }, default)).Value;

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Equal(0, await _db.Records.CountRecordsAsync(Dataset, default));
    }

    [Fact]
    public async Task Unknown_dataset_is_not_found()
    {
        var result = await IngestCsv(Good);
        Assert.Equal(ErrorKind.NotFound, result.Errors.Single().Kind);
    }

    public void Dispose() => _db.Dispose();

    /// <summary>Cancels the run once the reader is part-way through the file.</summary>
    private sealed class CancellingStream(Stream inner, long cancelAfterBytes, CancellationTokenSource cts) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, Math.Min(count, 4096));
            _read += n;
            if (_read >= cancelAfterBytes)
            {
                cts.Cancel();
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

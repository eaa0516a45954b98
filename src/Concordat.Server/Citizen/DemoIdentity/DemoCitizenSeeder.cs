using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;

namespace Concordat.Server.Citizen.DemoIdentity;

/// <summary>
/// Loads the demo citizens' records into the demo HMRC and DWP datasets, so a demo look-up finds them and the citizen
/// view has something to show. Idempotent: a citizen who already has a record in a dataset is left alone.
/// </summary>
internal sealed class DemoCitizenSeeder
{
    private readonly ICatalogueStore _catalogue;
    private readonly IIngestStore _ingest;
    private readonly IRecordStore _records;
    private readonly TimeProvider _time;
    private readonly ILogger<DemoCitizenSeeder> _logger;

    public DemoCitizenSeeder(ICatalogueStore catalogue, IIngestStore ingest, IRecordStore records, TimeProvider time, ILogger<DemoCitizenSeeder> logger)
    {
        _catalogue = catalogue;
        _ingest = ingest;
        _records = records;
        _time = time;
        _logger = logger;
    }

    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        total += await SeedAsync("hmrc-taxpayers", c => [(c.Nino, Person(c, ("taxCode", "1257L"), ("annualPay", 21000 + ((c.Nino[3] - '0') * 1000))))], cancellationToken);
        total += await SeedAsync("dwp-claimants", c =>
        {
            var benefit = c.DateOfBirth.Year < 1960 ? "pension-credit" : "universal-credit";
            return [($"{c.Nino}|{benefit}", Person(c, ("benefit", benefit), ("claimStart", "2023-04-01")))];
        }, cancellationToken);
        if (total > 0)
        {
            CitizenLog.DemoRecordsSeeded(_logger, total);
        }

        return total;
    }

    private async Task<int> SeedAsync(string datasetId, Func<DemoCitizen, IEnumerable<(string Key, JsonObject Record)>> records, CancellationToken cancellationToken)
    {
        if (await _catalogue.GetDatasetAsync(datasetId, cancellationToken) is null)
        {
            return 0;
        }

        var pending = new List<(string Key, JsonObject Record)>();
        foreach (var citizen in DemoCitizen.All)
        {
            if ((await _records.FindCurrentByFieldAsync(datasetId, "nino", citizen.Nino, 1, cancellationToken)).Count == 0)
            {
                pending.AddRange(records(citizen));
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        var now = _time.GetUtcNow();
        using var session = _ingest.Begin(new IngestRunStart(datasetId, "demo-citizens", SourceFormat.JsonLines, RefreshMode.Incremental, "demo", now));
        var batch = new IngestWriteBatch(pending.Count);
        for (var i = 0; i < pending.Count; i++)
        {
            var (key, record) = pending[i];
            batch.AddRecord(key, RecordContent.FromUtf8(Encoding.UTF8.GetBytes(record.ToJsonString())), i + 1);
        }

        var applied = session.Apply(batch);
        var versions = applied.Created + applied.Updated;
        session.Commit(new IngestCounts { RowsRead = pending.Count, RowsLoaded = versions + applied.Unchanged, VersionsCreated = versions, Unchanged = applied.Unchanged }, false, null, now);
        return pending.Count;
    }

    private static JsonObject Person(DemoCitizen citizen, params (string Name, JsonNode Value)[] more)
    {
        var names = citizen.Name.Split(' ');
        var record = new JsonObject
        {
            ["nino"] = citizen.Nino,
            ["givenName"] = names[0],
            ["familyName"] = names[^1],
            ["dateOfBirth"] = citizen.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["postcode"] = citizen.Postcode,
        };
        foreach (var (name, value) in more)
        {
            record[name] = value;
        }

        return record;
    }
}

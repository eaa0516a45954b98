using System.Text;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Ingestion;
using Concordat.Core.Quality;
using Concordat.Storage.Tests.Contracts;

namespace Concordat.Storage.Tests.Quality;

/// <summary>Profiling and rules over real ingests into a real store of every dialect.</summary>
public abstract class QualityServiceContract : StoreContract
{
    private const string Dataset = "hmrc-taxpayers";

    private IQualityStore Store => Stores.Quality;

    private QualityService Quality => Stores.Get<QualityService>();

    private IngestService Ingest => Stores.Get<IngestService>();

    private static IngestMapping Mapping(RefreshMode mode = RefreshMode.Full) => new()
    {
        Source = new SourceOptions { Format = SourceFormat.Csv },
        Mode = mode,
        Fields =
        [
            new FieldMapping("recordId") { From = "REF" },
            new FieldMapping("nino") { From = "NINO", Transforms = [new TransformSpec("nino")] },
            new FieldMapping("familyName") { From = "SURNAME" },
            new FieldMapping("dateOfBirth") { From = "DOB", Transforms = [new TransformSpec("parseDate") { Formats = ["dd/MM/yyyy"] }] },
        ],
    };

    private async Task<IngestRun> IngestAsync(string csv, RefreshMode mode = RefreshMode.Full)
    {
        var result = await Ingest.IngestAsync(
            new IngestRequest(Dataset, "test", Mapping(mode), "test") { Content = new MemoryStream(Encoding.UTF8.GetBytes(csv)) },
            CancellationToken.None);
        return result.Value;
    }

    [Fact]
    public async Task Every_committed_ingest_run_stores_a_profile_for_that_run()
    {
        await Stores.SeedDatasetAsync();
        var first = await IngestAsync("REF,NINO,SURNAME,DOB\n1,AB123456C,Smith,01/02/1980\n2,CE123456D,,31/12/1975\n");
        var second = await IngestAsync("REF,NINO,SURNAME,DOB\n3,AB123456C,Jones,01/02/1990\n", RefreshMode.Incremental);

        var profiles = await Store.ListProfilesAsync(Dataset, 10, default);

        Assert.Equal(2, profiles.Count);
        Assert.Equal([second.Id, first.Id], profiles.Select(p => p.RunId!.Value));
        Assert.All(profiles, p => Assert.Equal(ProfileTrigger.Ingest, p.Trigger));
        Assert.Equal(3, profiles[0].Rows);
        Assert.Equal(2, profiles[1].Rows);
        var surname = profiles[1].Fields.Single(f => f.Name == "familyName");
        Assert.Equal(0.5, surname.Completeness);
        Assert.Equal(2, profiles[0].Fields.Single(f => f.Name == "nino").Distinct);
    }

    [Fact]
    public async Task Failed_run_stores_no_profile()
    {
        await Stores.SeedDatasetAsync();
        var run = await IngestAsync("WRONG,COLUMNS\n1,2\n");

        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Empty(await Store.ListProfilesAsync(Dataset, 10, default));
    }

    [Fact]
    public async Task Duplicate_keys_in_the_source_give_the_duplicate_key_rate()
    {
        await Stores.SeedDatasetAsync();
        await IngestAsync("REF,NINO,SURNAME,DOB\n1,AB123456C,Smith,01/02/1980\n1,AB123456C,Smith,01/02/1980\n2,CE123456D,Jones,31/12/1975\n3,CE123456D,Jones,31/12/1975\n");

        var profile = (await Store.ListProfilesAsync(Dataset, 1, default)).Single();

        Assert.Equal(0.25, profile.DuplicateKeyRate);
        Assert.Equal(3, profile.Rows);
        Assert.NotNull(profile.FreshnessSeconds);
    }

    [Fact]
    public async Task On_demand_profile_evaluates_stored_rules_and_round_trips_through_storage()
    {
        await Stores.SeedDatasetAsync();
        await IngestAsync("REF,NINO,SURNAME,DOB\n1,AB123456C,Smith,01/02/1980\n2,CE123456D,,31/12/1975\n");
        var rules = await Quality.PutRulesAsync(Dataset, """
            {"rules": [
              {"type": "not_null", "field": "familyName"},
              {"type": "row_count", "min": 1, "severity": "warn"}
            ]}
            """, default);
        Assert.True(rules.IsSuccess);

        var profile = (await Quality.ProfileAsync(Dataset, ProfileTrigger.OnDemand, null, default)).Value;
        var stored = await Store.GetProfileAsync(Dataset, profile.Id, default);

        Assert.Equal(ProfileTrigger.OnDemand, profile.Trigger);
        Assert.Null(profile.RunId);
        Assert.Equal(RuleStatus.Failed, profile.Rules[0].Status);
        Assert.Equal("2", profile.Rules[0].Examples.Single().Key);
        Assert.Equal(RuleStatus.Passed, profile.Rules[1].Status);
        Assert.True(profile.HasFailures);
        Assert.NotNull(stored);
        Assert.Equal(profile.Rules[0], stored.Rules[0] with { Examples = profile.Rules[0].Examples });
        Assert.Equal(profile.Rules[0].Examples, stored.Rules[0].Examples);
        Assert.Equal(profile.Fields.Select(f => f.Score), stored.Fields.Select(f => f.Score));
        var latest = (await Store.LatestProfilesAsync(default))[Dataset];
        Assert.Equal(
            (profile.Id, profile.Rows, profile.Score, profile.Completeness, profile.DuplicateKeyRate, profile.FreshnessSeconds, profile.SchemaVersion, profile.ProfiledAt),
            (latest.Id, latest.Rows, latest.Score, latest.Completeness, latest.DuplicateKeyRate, latest.FreshnessSeconds, latest.SchemaVersion, latest.ProfiledAt));
        Assert.Empty(latest.Fields);
    }

    [Fact]
    public async Task Bad_rule_file_is_refused_and_the_old_rules_stay()
    {
        await Stores.SeedDatasetAsync();
        Assert.True((await Quality.PutRulesAsync(Dataset, """{"rules": [{"type": "not_null", "field": "nino"}]}""", default)).IsSuccess);

        var bad = await Quality.PutRulesAsync(Dataset, "{\"rules\": [\n{\"type\": \"not_null\", \"field\": \"nino\"},\n{\"type\": \"nope\"}]}", default);

        Assert.False(bad.IsSuccess);
        Assert.StartsWith("line 3:", bad.Errors[0].Message, StringComparison.Ordinal);
        var kept = (await Quality.GetRulesAsync(Dataset, default)).Value;
        Assert.Equal(RuleType.NotNull, Assert.Single(kept.Rules).Type);
    }

    [Fact]
    public async Task Referential_rule_reads_the_other_datasets_current_records()
    {
        await Stores.SeedDatasetAsync();
        await Stores.SeedDatasetAsync(datasetId: "hmrc-other");
        await Ingest.IngestAsync(
            new IngestRequest("hmrc-other", "test", Mapping(), "test") { Content = new MemoryStream(Encoding.UTF8.GetBytes("REF,NINO,SURNAME,DOB\n9,AB123456C,X,01/01/1970\n")) },
            CancellationToken.None);
        await IngestAsync("REF,NINO,SURNAME,DOB\n1,AB123456C,Smith,01/02/1980\n2,CE123456D,Jones,31/12/1975\n");
        Assert.True((await Quality.PutRulesAsync(Dataset, """{"rules": [{"type": "referential", "field": "nino", "dataset": "hmrc-other", "datasetField": "nino"}]}""", default)).IsSuccess);

        var profile = (await Quality.ProfileAsync(Dataset, ProfileTrigger.OnDemand, null, default)).Value;

        var result = Assert.Single(profile.Rules);
        Assert.Equal(2, result.Checked);
        Assert.Equal(1, result.Failed);
        Assert.Equal("CE123456D", result.Examples.Single().Value);
    }

    [Fact]
    public async Task Empty_dataset_profiles_and_says_so()
    {
        await Stores.SeedDatasetAsync();

        var profile = (await Quality.ProfileAsync(Dataset, ProfileTrigger.OnDemand, null, default)).Value;

        Assert.Equal(0, profile.Rows);
        Assert.Null(profile.Score);
        Assert.NotNull(profile.Note);
        Assert.True(profile.Id > 0);
    }

    [Fact]
    public async Task Unknown_dataset_is_not_found()
    {
        var result = await Quality.ProfileAsync("nope", ProfileTrigger.OnDemand, null, default);

        Assert.Equal(ErrorKind.NotFound, result.Errors[0].Kind);
        Assert.Equal(ErrorKind.NotFound, (await Quality.PutRulesAsync("nope", "{\"rules\": []}", default)).Errors[0].Kind);
    }

    [Fact]
    public async Task Deleted_records_are_not_profiled()
    {
        await Stores.SeedDatasetAsync();
        await IngestAsync("REF,NINO,SURNAME,DOB\n1,AB123456C,Smith,01/02/1980\n2,CE123456D,Jones,31/12/1975\n");
        await IngestAsync("REF,NINO,SURNAME,DOB\n1,AB123456C,Smithe,01/02/1980\n");

        var profile = (await Store.ListProfilesAsync(Dataset, 1, default)).Single();

        Assert.Equal(1, profile.Rows);
        Assert.Equal(1, profile.Fields.Single(f => f.Name == "familyName").Distinct);
    }

}

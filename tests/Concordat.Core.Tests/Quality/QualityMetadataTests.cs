using System.Text.Json.Nodes;
using Concordat.Core.Catalogue;
using Concordat.Core.Quality;

namespace Concordat.Core.Tests.Quality;

public sealed class QualityMetadataTests
{
    private static QualityProfile Profile()
    {
        var profiler = new DatasetProfiler(ProfileData.People(), ProfileData.Now);
        profiler.Add(ProfileData.Payload(("id", 1), ("nino", "AB123456C"), ("surname", "<script>alert(1)</script>"), ("status", "<b>open</b>")), "<i>k1</i>", ProfileData.Now);
        profiler.Add(ProfileData.Payload(("id", 2), ("nino", "QQ123456A")), "k2", ProfileData.Now);
        return profiler.Complete(ProfileTrigger.OnDemand, null, 0) with { Id = 42 };
    }

    [Fact]
    public void Table_schema_gets_quality_on_the_schema_and_each_field_and_still_parses()
    {
        var profile = Profile();
        var json = QualityMetadata.TableSchema(ProfileData.People().Schema, profile);

        Assert.Equal(42, (long)json["quality"]!["profileId"]!);
        Assert.Equal(profile.Score, (double?)json["quality"]!["score"]);
        var nino = json["fields"]!.AsArray().Single(f => (string)f!["name"]! == "nino")!;
        Assert.Equal(0.5, (double)nino["quality"]!["validity"]!);
        Assert.True(TableSchemaJson.Parse(json).IsSuccess);
    }

    [Fact]
    public void Published_metadata_never_carries_values()
    {
        var profile = Profile();
        var text = QualityMetadata.DataPackage(ProfileData.People(), profile).ToJsonString() + QualityMetadata.Summary(profile).ToJsonString();

        Assert.DoesNotContain("AB123456C", text, StringComparison.Ordinal);
        Assert.DoesNotContain("QQ123456A", text, StringComparison.Ordinal);
        Assert.DoesNotContain("open", text, StringComparison.Ordinal);
        Assert.DoesNotContain("k2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_package_without_a_profile_is_the_plain_schema()
    {
        var package = QualityMetadata.DataPackage(ProfileData.People(), null);

        Assert.Equal("dwp-people", (string)package["name"]!);
        Assert.Null(package["resources"]![0]!["schema"]!["quality"]);
    }

    [Fact]
    public void Dcat_gets_dqv_measurements_for_profiled_datasets_only()
    {
        var people = ProfileData.People();
        var other = people with { Id = "other" };
        var catalogue = DcatCatalogue.Build([], [people, other], new Uri("https://hub.example/"), "Test");

        QualityMetadata.AddToDcat(catalogue, new Dictionary<string, QualityProfile> { ["dwp-people"] = Profile() }, new Uri("https://hub.example/"));

        Assert.Equal(QualityMetadata.DqvNamespace, (string)catalogue["@context"]!["dqv"]!);
        var datasets = catalogue["dcat:dataset"]!.AsArray();
        var measured = datasets.Single(d => (string)d!["dct:identifier"]! == "dwp-people")!["dqv:hasQualityMeasurement"]!.AsArray();
        Assert.Contains(measured, m => (string)m!["dqv:isMeasurementOf"]!["@id"]! == "https://hub.example/api/v1/quality/metrics#score");
        Assert.Null(datasets.Single(d => (string)d!["dct:identifier"]! == "other")!["dqv:hasQualityMeasurement"]);
    }

    [Fact]
    public void Html_report_encodes_every_value_and_is_self_contained()
    {
        var profile = Profile();
        var rules = QualityRuleFile.Parse("""{"rules": [{"type": "in_set", "field": "status", "values": ["closed"]}]}""", ProfileData.People(), _ => null).Value;
        var profiler = new DatasetProfiler(ProfileData.People(), ProfileData.Now, rules: rules);
        profiler.Add(ProfileData.Payload(("id", 1), ("status", "<b>open</b>")), "<i>k1</i>", ProfileData.Now);
        var withRules = profiler.Complete(ProfileTrigger.OnDemand, null, null) with { Id = 43 };

        var html = ProfileHtmlReport.Render(withRules, [profile]);

        Assert.DoesNotContain("<b>open", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>k1", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;open&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("Score over time", html, StringComparison.Ordinal);
        Assert.Contains("<path d=\"M", html, StringComparison.Ordinal);
        Assert.Contains("withheld (personal data)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_report_of_an_empty_dataset_says_so()
    {
        var profile = new DatasetProfiler(ProfileData.People(), ProfileData.Now).Complete(ProfileTrigger.OnDemand, null, null);

        var html = ProfileHtmlReport.Render(profile, []);

        Assert.Contains("no current records", html, StringComparison.Ordinal);
        Assert.Contains("A trend needs at least two profiles", html, StringComparison.Ordinal);
    }
}

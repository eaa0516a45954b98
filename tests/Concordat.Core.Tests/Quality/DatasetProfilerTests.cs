using Concordat.Core.Quality;
using Concordat.Core.Catalogue;

namespace Concordat.Core.Tests.Quality;

public sealed class DatasetProfilerTests
{
    private static QualityProfile ProfileOf(params byte[][] payloads)
    {
        var profiler = new DatasetProfiler(ProfileData.People(), ProfileData.Now);
        var i = 0;
        foreach (var payload in payloads)
        {
            profiler.Add(payload, (++i).ToString(), ProfileData.Now.AddDays(-i));
        }

        return profiler.Complete(ProfileTrigger.OnDemand, runId: null, duplicateKeyRate: null);
    }

    private static FieldProfile Field(QualityProfile profile, string name) => profile.Fields.Single(f => f.Name == name);

    [Fact]
    public void Counts_nulls_and_blanks_separately()
    {
        var profile = ProfileOf(
            ProfileData.Payload(("id", 1), ("status", "open")),
            ProfileData.Payload(("id", 2), ("status", "  ")),
            ProfileData.Payload(("id", 3)),
            ProfileData.Payload(("id", 4), ("status", "open")));

        var status = Field(profile, "status");
        Assert.Equal(4, status.Rows);
        Assert.Equal(1, status.Nulls);
        Assert.Equal(1, status.Blanks);
        Assert.Equal(0.25, status.NullRate);
        Assert.Equal(0.25, status.BlankRate);
        Assert.Equal(0.5, status.Completeness);
        Assert.Equal(1, status.Distinct);
        Assert.True(status.DistinctIsExact);
    }

    [Fact]
    public void Numbers_have_min_max_and_mean()
    {
        var profile = ProfileOf(
            ProfileData.Payload(("id", 1), ("income", 10.5)),
            ProfileData.Payload(("id", 2), ("income", 20)),
            ProfileData.Payload(("id", 3), ("income", -3)));

        var income = Field(profile, "income");
        Assert.Equal("-3", income.Minimum);
        Assert.Equal("20", income.Maximum);
        Assert.Equal("9.166667", income.Mean);
        Assert.Equal("1", Field(profile, "id").Minimum);
        Assert.Equal("3", Field(profile, "id").Maximum);
        Assert.Equal("2", Field(profile, "id").Mean);
    }

    [Fact]
    public void Dates_have_min_max_and_mean_as_iso_dates()
    {
        var profile = ProfileOf(
            ProfileData.Payload(("id", 1), ("dateOfBirth", "1980-01-01")),
            ProfileData.Payload(("id", 2), ("dateOfBirth", "1980-01-03")));

        var dob = Field(profile, "dateOfBirth");
        Assert.Equal("1980-01-01", dob.Minimum);
        Assert.Equal("1980-01-03", dob.Maximum);
        Assert.Equal("1980-01-02", dob.Mean);
    }

    [Fact]
    public void Lengths_top_values_and_patterns()
    {
        var profile = ProfileOf(
            ProfileData.Payload(("id", 1), ("status", "open")),
            ProfileData.Payload(("id", 2), ("status", "open")),
            ProfileData.Payload(("id", 3), ("status", "closed")));

        var status = Field(profile, "status");
        Assert.Equal(4, status.MinLength);
        Assert.Equal(6, status.MaxLength);
        Assert.Equal([new ValueCount("open", 2), new ValueCount("closed", 1)], status.TopValues);
        Assert.Equal([new ValueCount("aaaa", 2), new ValueCount("aaaaaa", 1)], status.Patterns);
    }

    [Fact]
    public void Top_values_of_personal_data_are_withheld_but_patterns_are_shown()
    {
        var profile = ProfileOf(ProfileData.Payload(("id", 1), ("nino", "AB123456C")));

        var nino = Field(profile, "nino");
        Assert.Null(nino.TopValues);
        Assert.True(nino.TopValuesWithheld);
        Assert.Equal([new ValueCount("AA999999A", 1)], nino.Patterns);
    }

    [Fact]
    public void Validity_checks_the_fields_standard()
    {
        var profile = ProfileOf(
            ProfileData.Payload(("id", 1), ("nino", "AB123456C")),
            ProfileData.Payload(("id", 2), ("nino", "QQ123456A")),
            ProfileData.Payload(("id", 3), ("nino", "AB123456D")),
            ProfileData.Payload(("id", 4)));

        var nino = Field(profile, "nino");
        Assert.Equal("nino", nino.Standard);
        Assert.Equal(2, nino.Valid);
        Assert.Equal(1, nino.Invalid);
        Assert.Equal(2.0 / 3, nino.Validity);
        Assert.Null(Field(profile, "surname").Validity);
        Assert.Null(Field(profile, "surname").Standard);
    }

    [Fact]
    public void Typed_fields_are_valid_when_they_parse_and_only_parsed_values_are_measured()
    {
        var profiler = new DatasetProfiler(ProfileData.People(), ProfileData.Now);
        profiler.AddRow(["1", null, null, null, "1980-02-30", null, "12.5"], "a", ProfileData.Now);
        profiler.AddRow(["x", null, null, null, "1980-02-01", null, "ten"], "b", ProfileData.Now);

        var profile = profiler.Complete(ProfileTrigger.OnDemand, null, null);

        var income = Field(profile, "income");
        Assert.Equal(("number", 1L, 1L, "12.5", "12.5"), (income.Standard, income.Valid, income.Invalid, income.Minimum, income.Maximum));
        var id = Field(profile, "id");
        Assert.Equal(("integer", 1L, 1L), (id.Standard, id.Valid, id.Invalid));
        var dob = Field(profile, "dateOfBirth");
        Assert.Equal(("date", 1L, 1L, "1980-02-01"), (dob.Standard, dob.Valid, dob.Invalid, dob.Minimum));
    }

    [Fact]
    public void Dates_of_birth_in_the_future_or_over_120_years_ago_are_outliers()
    {
        var profile = ProfileOf(
            ProfileData.Payload(("id", 1), ("dateOfBirth", "1980-05-01")),
            ProfileData.Payload(("id", 2), ("dateOfBirth", "2027-01-01")),
            ProfileData.Payload(("id", 3), ("dateOfBirth", "1890-01-01")),
            ProfileData.Payload(("id", 4), ("dateOfBirth", "1906-11-26")));

        var dob = Field(profile, "dateOfBirth");
        Assert.Equal(2, dob.Outliers);
        Assert.Equal(0.5, dob.OutlierRate);
        Assert.NotNull(dob.OutlierRule);
        Assert.Null(Field(profile, "dateOfDeath").OutlierRate);
    }

    [Fact]
    public void Distinct_switches_to_an_estimate_beyond_the_exact_bound()
    {
        var profiler = new DatasetProfiler(ProfileData.People(), ProfileData.Now, new ProfileOptions { ExactDistinctLimit = 100 });
        for (var i = 0; i < 5000; i++)
        {
            profiler.Add(ProfileData.Payload(("id", i)), i.ToString(), ProfileData.Now);
        }

        var id = profiler.Complete(ProfileTrigger.OnDemand, null, null).Fields[0];
        Assert.False(id.DistinctIsExact);
        Assert.InRange(id.Distinct, 4800, 5200);
    }

    [Fact]
    public void Dataset_figures_freshness_completeness_and_duplicate_rate()
    {
        var profiler = new DatasetProfiler(ProfileData.People(), ProfileData.Now);
        profiler.Add(ProfileData.Payload(("id", 1), ("status", "a")), "1", ProfileData.Now.AddHours(-2));
        profiler.Add(ProfileData.Payload(("id", 2)), "2", ProfileData.Now.AddHours(-5));

        var profile = profiler.Complete(ProfileTrigger.Ingest, runId: 7, duplicateKeyRate: 0.1);

        Assert.Equal(2, profile.Rows);
        Assert.Equal(7, profile.RunId);
        Assert.Equal(ProfileData.Now.AddHours(-2), profile.NewestRecordAt);
        Assert.Equal(7200, profile.FreshnessSeconds);
        Assert.Equal(0.1, profile.DuplicateKeyRate);

        // id complete (1), status half (0.5), five other fields empty (0): mean 1.5 / 7.
        Assert.Equal(1.5 / 7, profile.Completeness!.Value, 9);
        Assert.NotNull(profile.Score);
    }

    [Fact]
    public void Empty_dataset_profiles_and_says_so()
    {
        var profile = ProfileOf();

        Assert.Equal(0, profile.Rows);
        Assert.Null(profile.Score);
        Assert.Null(profile.Completeness);
        Assert.Null(profile.FreshnessSeconds);
        Assert.Contains("no current records", profile.Note, StringComparison.Ordinal);
        Assert.All(profile.Fields, f => Assert.Null(f.Completeness));
    }

    [Fact]
    public void Field_of_all_nulls_profiles_and_says_so()
    {
        var profile = ProfileOf(ProfileData.Payload(("id", 1)), ProfileData.Payload(("id", 2)));

        var surname = Field(profile, "surname");
        Assert.Equal(1, surname.NullRate);
        Assert.Equal(0, surname.Completeness);
        Assert.Equal(0, surname.Distinct);
        Assert.Null(surname.MinLength);
        Assert.Equal("Every value is null.", surname.Note);
        Assert.Equal(0, surname.Score);
    }

    [Fact]
    public void Unknown_payload_properties_are_ignored_and_order_does_not_matter()
    {
        var profile = ProfileOf(ProfileData.Payload(("status", "x"), ("extra", "y"), ("id", 9)));

        Assert.Equal("9", Field(profile, "id").Minimum);
        Assert.Equal(1, Field(profile, "status").Distinct);
    }

    [Fact]
    public void Score_follows_the_documented_weights()
    {
        Assert.Equal(100, QualityScore.ForField(1, 1, 0, 1));
        Assert.Equal(40, QualityScore.ForField(1, 0, 1, 0));
        Assert.Equal(50, QualityScore.ForField(0.5, null, null, null));
        Assert.Equal(Math.Round(100 * (0.4 + 0.15) / 0.7, 1), QualityScore.ForField(1, 0.5, null, null));
        Assert.Null(QualityScore.ForField(null, null, null, null));
        // Fields 1.0 at weight 0.6, uniqueness 0 at weight 0.2, no dataset rules: 0.6 / 0.8.
        Assert.Equal(75, QualityScore.ForDataset([100, null], duplicateKeyRate: 1, datasetRulePassRate: null));
        Assert.Equal(100, QualityScore.ForDataset([100], duplicateKeyRate: 0, datasetRulePassRate: 1));
        Assert.Null(QualityScore.ForDataset([], 0, 1));
    }

    [Fact]
    public void Worked_examples_in_docs_quality_md_hold()
    {
        Assert.Equal(89.4, QualityScore.ForField(completeness: 0.9, validity: 0.95, outlierRate: null, rulePassRate: 0.8));
        Assert.Equal(85, QualityScore.ForDataset([92.0], duplicateKeyRate: 0.01, datasetRulePassRate: 0.5));
    }

    [Fact]
    public void Add_row_needs_one_value_per_field()
    {
        var profiler = new DatasetProfiler(ProfileData.People(), ProfileData.Now);
        Assert.Throws<ArgumentException>(() => profiler.AddRow(["1"], "1", ProfileData.Now));
    }

    [Fact]
    public void Complete_twice_is_a_bug()
    {
        var profiler = new DatasetProfiler(ProfileData.People(), ProfileData.Now);
        profiler.Complete(ProfileTrigger.OnDemand, null, null);
        Assert.Throws<InvalidOperationException>(() => profiler.Complete(ProfileTrigger.OnDemand, null, null));
    }
}

using Concordat.Core.Catalogue;
using Concordat.Core.Quality;

namespace Concordat.Core.Tests.Quality;

public sealed class RuleEvaluationTests
{
    private static readonly Dataset Employers = new("hmrc-employers", "hmrc", "Employers", new DatasetSchema([new SchemaField("ref", FieldType.String)], ["ref"]));

    private static QualityProfile Run(string rule, ReferenceValues? reference = null, params byte[][] payloads)
    {
        var rules = QualityRuleFile.Parse($"{{\"rules\": [{rule}]}}", ProfileData.People(), id => id == Employers.Id ? Employers : null);
        Assert.True(rules.IsSuccess, string.Join("; ", rules.Errors.Select(e => e.Message)));
        var profiler = new DatasetProfiler(ProfileData.People(), ProfileData.Now, rules: rules.Value, references: _ => reference);
        var i = 0;
        foreach (var payload in payloads)
        {
            profiler.Add(payload, "k" + ++i, ProfileData.Now.AddDays(-i));
        }

        return profiler.Complete(ProfileTrigger.OnDemand, null, null);
    }

    private static RuleResult Single(string rule, params byte[][] payloads) => Assert.Single(Run(rule, null, payloads).Rules);

    [Fact]
    public void Not_null_fails_missing_and_blank_values_with_examples()
    {
        var result = Single("""{ "type": "not_null", "field": "surname" }""",
            ProfileData.Payload(("id", 1), ("surname", "Smith")),
            ProfileData.Payload(("id", 2)),
            ProfileData.Payload(("id", 3), ("surname", " ")));

        Assert.Equal(RuleStatus.Failed, result.Status);
        Assert.Equal(3, result.Checked);
        Assert.Equal(2, result.Failed);
        Assert.Equal([new RuleFailure("k2", null), new RuleFailure("k3", " ")], result.Examples);
    }

    [Fact]
    public void Unique_fails_each_repeat()
    {
        var result = Single("""{ "type": "unique", "field": "status" }""",
            ProfileData.Payload(("status", "a")), ProfileData.Payload(("status", "b")), ProfileData.Payload(("status", "a")), ProfileData.Payload(("status", "a")));

        Assert.Equal(2, result.Failed);
        Assert.Equal(["k3", "k4"], result.Examples.Select(e => e.Key));
    }

    [Fact]
    public void Matches_standard_uses_the_fields_identifier_or_a_named_standard()
    {
        var own = Single("""{ "type": "matches_standard", "field": "nino" }""",
            ProfileData.Payload(("nino", "AB123456C")), ProfileData.Payload(("nino", "QQ123456A")));
        Assert.Equal(1, own.Failed);
        Assert.Equal("QQ123456A", own.Examples[0].Value);

        var named = Single("""{ "type": "matches_standard", "field": "status", "standard": "postcode" }""",
            ProfileData.Payload(("status", "SW1A 1AA")), ProfileData.Payload(("status", "nowhere")));
        Assert.Equal(1, named.Failed);
    }

    [Fact]
    public void Matches_regex_matches_the_whole_value()
    {
        var result = Single("""{ "type": "matches_regex", "field": "surname", "pattern": "[A-Z][a-z]+" }""",
            ProfileData.Payload(("surname", "Smith")), ProfileData.Payload(("surname", "smith")), ProfileData.Payload(("surname", "Smith2")));

        Assert.Equal(2, result.Failed);
        Assert.Equal(3, result.Checked);
    }

    [Fact]
    public void In_range_for_numbers_and_dates()
    {
        var numbers = Single("""{ "type": "in_range", "field": "income", "min": 0, "max": 100 }""",
            ProfileData.Payload(("income", 0)), ProfileData.Payload(("income", 100)), ProfileData.Payload(("income", 100.5)), ProfileData.Payload(("income", -1)));
        Assert.Equal(2, numbers.Failed);

        var dates = Single("""{ "type": "in_range", "field": "dateOfBirth", "min": "1900-01-01" }""",
            ProfileData.Payload(("dateOfBirth", "1899-12-31")), ProfileData.Payload(("dateOfBirth", "1900-01-01")));
        Assert.Equal(1, dates.Failed);
        Assert.Equal("1899-12-31", dates.Examples[0].Value);
    }

    [Fact]
    public void In_set_and_length()
    {
        var set = Single("""{ "type": "in_set", "field": "status", "values": ["open", "closed"] }""",
            ProfileData.Payload(("status", "open")), ProfileData.Payload(("status", "Open")));
        Assert.Equal(1, set.Failed);

        var length = Single("""{ "type": "length", "field": "surname", "minLength": 2, "maxLength": 4 }""",
            ProfileData.Payload(("surname", "A")), ProfileData.Payload(("surname", "Ab")), ProfileData.Payload(("surname", "Abcd")), ProfileData.Payload(("surname", "Abcde")));
        Assert.Equal(2, length.Failed);
    }

    [Fact]
    public void Cross_field_date_of_death_after_date_of_birth()
    {
        var result = Single("""{ "type": "cross_field", "field": "dateOfDeath", "operator": ">", "otherField": "dateOfBirth" }""",
            ProfileData.Payload(("dateOfBirth", "1950-01-01"), ("dateOfDeath", "2020-01-01")),
            ProfileData.Payload(("dateOfBirth", "1950-01-01"), ("dateOfDeath", "1949-01-01")),
            ProfileData.Payload(("dateOfBirth", "1950-01-01"), ("dateOfDeath", "1950-01-01")),
            ProfileData.Payload(("dateOfBirth", "1950-01-01")));

        Assert.Equal(3, result.Checked);
        Assert.Equal(2, result.Failed);
        Assert.Equal("dateOfDeath=1949-01-01, dateOfBirth=1950-01-01", result.Examples[0].Value);
    }

    [Fact]
    public void Referential_looks_values_up_in_the_other_dataset()
    {
        var reference = new ReferenceValues();
        reference.Add("E1");
        reference.Add("E2");
        var result = Assert.Single(Run("""{ "type": "referential", "field": "status", "dataset": "hmrc-employers", "datasetField": "ref" }""", reference,
            ProfileData.Payload(("status", "E1")), ProfileData.Payload(("status", "E9"))).Rules);

        Assert.Equal(1, result.Failed);
        Assert.Equal("E9", result.Examples[0].Value);
    }

    [Fact]
    public void Referential_without_reference_values_is_an_error_not_a_pass()
    {
        var result = Assert.Single(Run("""{ "type": "referential", "field": "status", "dataset": "hmrc-employers", "datasetField": "ref" }""", null,
            ProfileData.Payload(("status", "E1"))).Rules);

        Assert.Equal(RuleStatus.Error, result.Status);
    }

    [Fact]
    public void Row_count_and_freshness_are_dataset_rules()
    {
        var profile = Run("""{ "type": "row_count", "min": 3 }, { "type": "freshness", "maxAgeDays": 1.5, "severity": "warn" }""", null,
            ProfileData.Payload(("id", 1)), ProfileData.Payload(("id", 2)));

        Assert.Equal(RuleStatus.Failed, profile.Rules[0].Status);
        Assert.Contains("2 records", profile.Rules[0].Message, StringComparison.Ordinal);
        Assert.Equal(RuleStatus.Passed, profile.Rules[1].Status);
        Assert.True(profile.HasFailures);
    }

    [Fact]
    public void Warn_only_failures_do_not_make_the_profile_fail()
    {
        var profile = Run("""{ "type": "not_null", "field": "surname", "severity": "warn" }""", null, ProfileData.Payload(("id", 1)));

        Assert.Equal(RuleStatus.Failed, profile.Rules[0].Status);
        Assert.False(profile.HasFailures);
    }

    [Fact]
    public void Failing_rules_lower_the_field_score()
    {
        var passing = Run("""{ "type": "in_set", "field": "status", "values": ["a"] }""", null, ProfileData.Payload(("status", "a")));
        var failing = Run("""{ "type": "in_set", "field": "status", "values": ["b"] }""", null, ProfileData.Payload(("status", "a")));

        Assert.Equal(100, passing.Fields.Single(f => f.Name == "status").Score);
        Assert.True(failing.Fields.Single(f => f.Name == "status").Score < 100);
    }
}

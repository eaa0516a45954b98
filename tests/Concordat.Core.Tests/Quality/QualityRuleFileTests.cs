using Concordat.Core.Catalogue;
using Concordat.Core.Quality;

namespace Concordat.Core.Tests.Quality;

public sealed class QualityRuleFileTests
{
    private static readonly Dataset Employers = new("hmrc-employers", "hmrc", "Employers", new DatasetSchema([new SchemaField("ref", FieldType.String)], ["ref"]));

    private static Result<QualityRuleSet> Parse(string json) =>
        QualityRuleFile.Parse(json, ProfileData.People(), id => id == Employers.Id ? Employers : null);

    private static string Messages(Result<QualityRuleSet> result) => string.Join("\n", result.Errors.Select(e => e.Message));

    [Fact]
    public void Reads_every_rule_type_with_its_line()
    {
        var result = Parse("""
            {
              "rules": [
                { "type": "not_null", "field": "nino" },
                { "type": "unique", "field": "nino", "severity": "warn" },
                { "type": "matches_standard", "field": "nino" },
                { "type": "matches_regex", "field": "surname", "pattern": "[A-Z][a-z]+" },
                { "type": "in_range", "field": "dateOfBirth", "min": "1900-01-01", "max": "2026-12-31" },
                { "type": "in_set", "field": "status", "values": ["open", "closed"] },
                { "type": "length", "field": "surname", "minLength": 1, "maxLength": 35 },
                { "type": "cross_field", "field": "dateOfDeath", "operator": ">=", "otherField": "dateOfBirth" },
                { "type": "referential", "field": "status", "dataset": "hmrc-employers", "datasetField": "ref" },
                { "type": "row_count", "min": 1, "max": 1000000 },
                { "type": "freshness", "maxAgeDays": 7 }
              ]
            }
            """);

        Assert.True(result.IsSuccess, Messages(result));
        var rules = result.Value.Rules;
        Assert.Equal(11, rules.Count);
        Assert.Equal(Enum.GetValues<RuleType>(), rules.Select(r => r.Type));
        Assert.Equal(Enumerable.Range(3, 11), rules.Select(r => r.Line));
        Assert.Equal(RuleSeverity.Warn, rules[1].Severity);
        Assert.Equal(RuleSeverity.Fail, rules[0].Severity);
        Assert.Equal("cross_field(dateOfDeath >= dateOfBirth)", rules[7].Describe());
    }

    [Fact]
    public void Unknown_rule_type_names_the_line()
    {
        var result = Parse("{\n  \"rules\": [\n    { \"type\": \"not_null\", \"field\": \"nino\" },\n    { \"type\": \"is_lovely\", \"field\": \"nino\" }\n  ]\n}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("line 4", error.Target);
        Assert.StartsWith("line 4: unknown rule type 'is_lovely'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_field_name_names_the_line_and_lists_the_fields()
    {
        var result = Parse("{\"rules\": [\n{ \"type\": \"not_null\", \"field\": \"ninoo\" }]}");

        var error = Assert.Single(result.Errors);
        Assert.Contains("line 2: no field 'ninoo' in dataset 'dwp-people'", error.Message, StringComparison.Ordinal);
        Assert.Contains("nino, surname", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_regex_names_the_line()
    {
        var result = Parse("{\"rules\": [\n\n{ \"type\": \"matches_regex\", \"field\": \"surname\", \"pattern\": \"[A-Z\" }]}");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("line 3: the regular expression is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catastrophically_backtracking_regex_is_rejected_by_its_timeout()
    {
        var result = Parse("{\"rules\": [\n{ \"type\": \"matches_regex\", \"field\": \"surname\", \"pattern\": \"(a+)+b\" }]}");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("line 2: the regular expression backtracks catastrophically", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_and_no_rule_is_returned()
    {
        var result = Parse("""
            {"rules": [
              { "type": "not_null", "field": "nino" },
              { "type": "in_range", "field": "surname", "min": 1 },
              { "type": "length", "field": "surname", "minLength": 5, "maxLength": 2 },
              { "type": "cross_field", "field": "dateOfDeath", "operator": "~", "otherField": "surname" },
              { "type": "referential", "field": "nino", "dataset": "nowhere", "datasetField": "x" },
              { "type": "row_count", "field": "nino", "min": 1 },
              { "type": "freshness", "maxAgeDays": 0 },
              { "type": "not_null", "field": "nino", "pattern": "x", "severity": "loud" },
              { "type": "matches_standard", "field": "surname" },
              { "field": "nino" }
            ]}
            """);

        Assert.False(result.IsSuccess);
        var messages = Messages(result);
        foreach (var line in new[] { 3, 4, 5, 6, 7, 8, 9, 10, 11 })
        {
            Assert.Contains($"line {line}:", messages, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("line 2:", messages, StringComparison.Ordinal);
        Assert.Contains("in_range needs a number, date or datetime field", messages, StringComparison.Ordinal);
        Assert.Contains("minLength is greater than maxLength", messages, StringComparison.Ordinal);
        Assert.Contains("cannot be compared", messages, StringComparison.Ordinal);
        Assert.Contains("no dataset 'nowhere'", messages, StringComparison.Ordinal);
        Assert.Contains("takes no \"field\"", messages, StringComparison.Ordinal);
        Assert.Contains("'pattern' does not apply to a not_null rule", messages, StringComparison.Ordinal);
        Assert.Contains("severity must be", messages, StringComparison.Ordinal);
        Assert.Contains("free text with no standard", messages, StringComparison.Ordinal);
        Assert.Contains("the rule has no \"type\"", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_the_line()
    {
        var result = Parse("{\"rules\": [\n  { \"type\": \"not_null\",\n    \"field\": \"nino\" \n  ,, }\n]}");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("line 4: the rule file is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"rules\": {}}")]
    [InlineData("{\"rules\": [], \"extra\": 1}")]
    [InlineData("{\"rules\": [1]}")]
    public void Wrong_shape_is_an_error(string json) => Assert.False(Parse(json).IsSuccess);

    [Fact]
    public void In_range_bound_must_suit_the_field_type()
    {
        var result = Parse("{\"rules\": [{ \"type\": \"in_range\", \"field\": \"dateOfBirth\", \"min\": \"last tuesday\" }]}");

        Assert.Contains("line 1: min 'last tuesday' is not an ISO 8601 date", Messages(result), StringComparison.Ordinal);
    }
}

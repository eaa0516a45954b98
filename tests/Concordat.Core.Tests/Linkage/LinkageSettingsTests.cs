using Concordat.Core.Linkage;
using static Concordat.Core.Tests.Linkage.LinkageTestData;

namespace Concordat.Core.Tests.Linkage;

public sealed class LinkageSettingsTests
{
    private const string Minimal = """
        {
          "uniqueIdColumn": "id",
          "columns": [ { "name": "name", "role": "familyName" }, { "name": "dob", "role": "dateOfBirth" } ],
          "comparisons": [ { "column": "name", "levels": [ { "type": "exact" }, { "type": "jaroWinkler", "threshold": 0.9 } ] } ],
          "blockingRules": [ "dob", "name:soundex" ]
        }
        """;

    [Fact]
    public void Reads_a_minimal_settings_file_with_defaults()
    {
        var settings = LinkageSettingsJson.Read(Minimal).Value;
        Assert.Equal(LinkType.Dedupe, settings.LinkType);
        Assert.Equal(LinkageSettings.DefaultPairBudget, settings.PairBudget);
        Assert.Equal(ColumnRole.FamilyName, settings.Columns[0].Role);
        Assert.Equal(ComparisonLevelKind.JaroWinkler, settings.Comparisons[0].Levels[1].Type);
    }

    [Fact]
    public void The_shipped_example_settings_validate()
    {
        var settings = PeopleSettings();
        Assert.Equal(10, settings.Comparisons.Count);
        Assert.Empty(settings.ValidateShape());
    }

    [Fact]
    public void Settings_round_trip_through_json()
    {
        var settings = LinkageSettingsJson.Read(Minimal).Value;
        var again = LinkageSettingsJson.Read(LinkageSettingsJson.Write(settings)).Value;
        Assert.Equal(settings.BlockingRules, again.BlockingRules);
        Assert.Equal(settings.Comparisons[0].Levels, again.Comparisons[0].Levels);
    }

    [Fact]
    public void Unknown_comparison_type_is_a_clear_error()
    {
        var result = LinkageSettingsJson.Read(Minimal.Replace("\"jaroWinkler\"", "\"fuzzyMagic\"", StringComparison.Ordinal));
        var error = Assert.Single(result.Errors);
        Assert.Equal("linkage.settings_invalid", error.Code);
        Assert.Contains("comparisons[0].levels[1].type", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Malformed_json_and_unknown_properties_are_errors()
    {
        Assert.Equal("linkage.settings_invalid", LinkageSettingsJson.Read("{ not json").Errors[0].Code);
        Assert.Equal("linkage.settings_invalid", LinkageSettingsJson.Read(Minimal.Replace("\"uniqueIdColumn\"", "\"colour\": 1, \"uniqueIdColumn\"", StringComparison.Ordinal)).Errors[0].Code);
    }

    [Theory]
    [InlineData("\"column\": \"name\"", "\"column\": \"nom\"", "linkage.comparison_column_unknown")]
    [InlineData("\"dob\", \"name:soundex\"", "\"dob\", \"nom\"", "linkage.blocking_column_unknown")]
    [InlineData("\"dob\", \"name:soundex\"", "\"dob\", \"name:backwards\"", "linkage.blocking_transform_unknown")]
    [InlineData("\"threshold\": 0.9", "\"threshold\": 1.5", "linkage.level_invalid")]
    [InlineData("[ \"dob\", \"name:soundex\" ]", "[ ]", "linkage.no_blocking_rules")]
    [InlineData("{ \"type\": \"exact\" }, ", "{ \"type\": \"jaroWinkler\", \"tf\": true, \"threshold\": 0.8 }, ", "linkage.level_invalid")]
    public void Invalid_settings_name_what_is_wrong(string find, string replace, string code)
    {
        var result = LinkageSettingsJson.Read(Minimal.Replace(find, replace, StringComparison.Ordinal));
        Assert.False(result.IsSuccess);
        Assert.Contains(result.Errors, e => e.Code == code);
    }

    [Fact]
    public void A_column_missing_from_the_input_is_named()
    {
        var settings = LinkageSettingsJson.Read(Minimal).Value;
        var result = TryLoad(settings, null, "id,name\n1,Smith\n2,Smyth\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal("linkage.column_missing", error.Code);
        Assert.Contains("'dob'", error.Message, StringComparison.Ordinal);
    }
}

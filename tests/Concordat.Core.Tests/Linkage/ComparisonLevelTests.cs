using Concordat.Core.Linkage;
using Concordat.Core.Linkage.Internal;
using static Concordat.Core.Tests.Linkage.LinkageTestData;

namespace Concordat.Core.Tests.Linkage;

public sealed class ComparisonLevelTests
{
    private static int LevelOf(ColumnRole role, ComparisonLevelSettings[] levels, string left, string right)
    {
        var settings = new LinkageSettings
        {
            UniqueIdColumn = "id",
            Columns = [new ColumnSettings { Name = "v", Role = role }],
            Comparisons = [Comparison("v", levels)],
            BlockingRules = ["v"],
        };
        var data = Load(settings, $"id,v\n1,{left}\n2,{right}\n");
        var compiled = new CompiledComparison(settings.Comparisons[0], data.Column("v"));
        return compiled.Level(0, 1);
    }

    private static readonly ComparisonLevelSettings[] NameLevels =
    [
        Level(ComparisonLevelKind.Exact),
        Level(ComparisonLevelKind.Nickname),
        Level(ComparisonLevelKind.JaroWinkler, threshold: 0.92),
        Level(ComparisonLevelKind.DoubleMetaphone),
        Level(ComparisonLevelKind.Soundex),
        Level(ComparisonLevelKind.Initials),
    ];

    [Theory]
    [InlineData("William", "WILLIAM", 1)] // standardised: case does not matter
    [InlineData("Bill", "William", 2)]
    [InlineData("Pat", "Patrick", 2)]
    [InlineData("Pat", "Patricia", 2)]
    [InlineData("Martha", "Marhta", 3)]
    [InlineData("Catherine", "Kathryn", 4)]
    [InlineData("Case", "Cage", 5)]
    [InlineData("J", "John", 6)]
    [InlineData("John", "Mary", 7)]
    [InlineData("", "John", 0)]
    public void Name_levels_are_tried_in_order(string left, string right, int expected) =>
        Assert.Equal(expected, LevelOf(ColumnRole.GivenName, NameLevels, left, right));

    private static readonly ComparisonLevelSettings[] DateLevels =
    [
        Level(ComparisonLevelKind.Exact),
        Level(ComparisonLevelKind.DateDayMonthSwap),
        Level(ComparisonLevelKind.DateWithinDays, days: 10),
        Level(ComparisonLevelKind.DateWithinYears, years: 2),
    ];

    [Theory]
    [InlineData("1980-03-04", "04/03/1980", 1)] // ISO and dd/MM/yyyy are the same date
    [InlineData("1980-03-04", "1980-04-03", 2)]
    [InlineData("1980-03-04", "1980-03-12", 3)]
    [InlineData("1980-03-04", "1981-06-01", 4)]
    [InlineData("1980-03-04", "1990-03-04", 5)]
    [InlineData("1980-03-04", "not a date", 0)]
    public void Date_levels(string left, string right, int expected) =>
        Assert.Equal(expected, LevelOf(ColumnRole.DateOfBirth, DateLevels, left, right));

    private static readonly ComparisonLevelSettings[] PostcodeLevels =
    [
        Level(ComparisonLevelKind.Exact),
        Level(ComparisonLevelKind.PostcodeSector),
        Level(ComparisonLevelKind.PostcodeDistrict),
        Level(ComparisonLevelKind.PostcodeArea),
    ];

    [Theory]
    [InlineData("LS1 4AP", "ls14ap", 1)]
    [InlineData("LS1 4AP", "LS1 4BX", 2)]
    [InlineData("LS1 4AP", "LS1 6XY", 3)]
    [InlineData("LS1 4AP", "LS2 4AP", 4)]
    [InlineData("LS1 4AP", "BD1 4AP", 5)]
    public void Postcode_levels(string left, string right, int expected) =>
        Assert.Equal(expected, LevelOf(ColumnRole.Postcode, PostcodeLevels, left, right));

    [Theory]
    [InlineData("AB123456C", "AB123465C", ComparisonLevelKind.DamerauLevenshtein, 1, 1)]
    [InlineData("AB123456C", "AB123465C", ComparisonLevelKind.Levenshtein, 1, 2)]
    [InlineData("AB123456C", "AB123465C", ComparisonLevelKind.Levenshtein, 2, 1)]
    public void Edit_distance_levels(string left, string right, ComparisonLevelKind kind, int max, int expected) =>
        Assert.Equal(expected, LevelOf(ColumnRole.Nino, [Level(kind, maxDistance: max)], left, right));

    [Fact]
    public void Jaccard_level_on_addresses()
    {
        ComparisonLevelSettings[] levels = [Level(ComparisonLevelKind.Jaccard, threshold: 0.6)];
        Assert.Equal(1, LevelOf(ColumnRole.Address, levels, "27 Park Road", "27 PARK ROAD."));
        Assert.Equal(1, LevelOf(ColumnRole.Address, levels, "27 Park Road", "27 Park Rd"));
        Assert.Equal(2, LevelOf(ColumnRole.Address, levels, "27 Park Road", "3 Mill Lane"));
    }

    [Fact]
    public void Labels_name_the_level()
    {
        Assert.Equal("jaroWinkler >= 0.9", Level(ComparisonLevelKind.JaroWinkler, threshold: 0.9).Label);
        Assert.Equal("exact (tf)", Level(ComparisonLevelKind.Exact, tf: true).Label);
        Assert.Equal("within 10 days", Level(ComparisonLevelKind.DateWithinDays, days: 10).Label);
    }
}

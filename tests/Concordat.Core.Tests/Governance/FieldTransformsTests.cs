using Concordat.Core.Governance;

namespace Concordat.Core.Tests.Governance;

public sealed class FieldTransformsTests
{
    [Theory]
    [InlineData(FieldTransform.None, "1957-03-14", "1957-03-14")]
    [InlineData(FieldTransform.DateToYear, "1957-03-14", "1957")]
    [InlineData(FieldTransform.DateToMonth, "1957-03-14", "1957-03")]
    [InlineData(FieldTransform.DateToYear, "not a date", null)]
    [InlineData(FieldTransform.PostcodeDistrict, "LS1 4AP", "LS1")]
    [InlineData(FieldTransform.PostcodeSector, "LS1 4AP", "LS1 4")]
    [InlineData(FieldTransform.PostcodeDistrict, "nowhere", null)]
    public void Generalises_or_fails_closed(FieldTransform transform, string value, string? expected)
    {
        Assert.Equal(expected, FieldTransforms.Apply(transform, value));
    }

    [Fact]
    public void Pseudonymise_uses_the_agreement_key()
    {
        var key = Pseudonymiser.NewKey();

        Assert.Equal(Pseudonymiser.Token(key, "AB123456C"), FieldTransforms.Apply(FieldTransform.Pseudonymise, "AB123456C", key));
    }

    [Theory]
    [InlineData("1961-06-01", RowFilterOperator.AgeAtLeast, "65", true)]
    [InlineData("1961-06-02", RowFilterOperator.AgeAtLeast, "65", false)]
    [InlineData("1961-06-02", RowFilterOperator.AgeUnder, "65", true)]
    [InlineData(null, RowFilterOperator.AgeAtLeast, "65", false)]
    [InlineData("120.5", RowFilterOperator.GreaterThan, "100", true)]
    [InlineData("99", RowFilterOperator.GreaterThan, "100", false)]
    [InlineData("pension-credit", RowFilterOperator.Equal, "pension-credit", true)]
    [InlineData("2020-01-01", RowFilterOperator.LessThan, "2021-01-01", true)]
    public void Row_filters_match_on_the_request_day(string? value, RowFilterOperator op, string operand, bool expected)
    {
        Assert.Equal(expected, new RowFilter("f", op, operand).Matches(value, new DateOnly(2026, 6, 1)));
    }
}

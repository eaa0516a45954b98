using Concordat.Core.Standards;
using CsCheck;

namespace Concordat.Core.Tests.Standards;

public sealed class AddressLineTests
{
    [Theory]
    [InlineData("12a High St.", "12A HIGH STREET")]
    [InlineData("12 A High Street", "12A HIGH STREET")]
    [InlineData("Flat 3, 5 Mill Rd", "FLAT 3 5 MILL ROAD")]
    [InlineData("St Mary's Rd", "SAINT MARYS ROAD")]
    [InlineData("Church St, Leeds", "CHURCH STREET LEEDS")]
    [InlineData("1 Acacia Ave", "1 ACACIA AVENUE")]
    [InlineData("The Old Hse, Gt Ouseburn", "THE OLD HOUSE GREAT OUSEBURN")]
    [InlineData("Mill Rd N", "MILL ROAD NORTH")]
    [InlineData("12/3 Leith Walk", "12/3 LEITH WALK")]
    [InlineData("RDX House", "RDX HOUSE")]
    [InlineData("Café Row", "CAFE ROW")]
    [InlineData("  7   Park   Pl  ", "7 PARK PLACE")]
    public void Normalise_expands_abbreviations_and_removes_punctuation(string input, string expected) =>
        Assert.Equal(expected, AddressLine.Normalise(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ,. ")]
    public void Blank_line_normalises_to_empty(string? input) => Assert.Equal("", AddressLine.Normalise(input));

    [Fact]
    public void Abbreviated_and_full_forms_agree() =>
        Assert.Equal(AddressLine.Normalise("10 Downing Street"), AddressLine.Normalise("10, downing st."));

    [Fact]
    public void Normalise_is_idempotent() =>
        Gen.String[0, 40].Sample(s =>
        {
            var once = AddressLine.Normalise(s);
            Assert.Equal(once, AddressLine.Normalise(once));
        });
}

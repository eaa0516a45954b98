using Concordat.Core.Standards;
using CsCheck;

namespace Concordat.Core.Tests.Standards;

public sealed class PersonNameTests
{
    [Theory]
    [InlineData("Dr. Seán O'Brien-Smith OBE", "SEAN OBRIEN SMITH")]
    [InlineData("  mr   john   SMITH ", "JOHN SMITH")]
    [InlineData("Zoë Brontë", "ZOE BRONTE")]
    [InlineData("Łukasz Nowak", "LUKASZ NOWAK")]
    [InlineData("Jürgen Groß", "JURGEN GROSS")]
    [InlineData("O’Neill", "ONEILL")]
    [InlineData("J.R.R. Tolkien", "J R R TOLKIEN")]
    [InlineData("Martin Luther King Jr.", "MARTIN LUTHER KING")]
    [InlineData("Mrs", "MRS")]
    [InlineData("Smith-Jones", "SMITH JONES")]
    public void Clean_gives_the_comparison_form(string input, string expected) => Assert.Equal(expected, PersonName.Clean(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("--.,")]
    public void Clean_of_blank_or_punctuation_is_empty(string? input) => Assert.Equal("", PersonName.Clean(input));

    [Fact]
    public void Tokens_drop_titles_only_at_the_front_and_suffixes_only_at_the_end()
    {
        Assert.Equal(["JOHN", "SIR"], PersonName.Tokens("Sir John Sir"));
        Assert.Equal(["OBE", "SMITH"], PersonName.Tokens("Mr OBE Smith"));
    }

    [Fact]
    public void Clean_is_idempotent_and_ascii_upper_case() =>
        Gen.String.Sample(s =>
        {
            var clean = PersonName.Clean(s);
            Assert.Equal(clean, PersonName.Clean(clean));
            Assert.All(clean, c => Assert.True(c == ' ' || char.IsDigit(c) || char.IsUpper(c) || !char.IsLetter(c) || c > '\u007f', $"'{c}' in '{clean}'"));
            Assert.DoesNotContain("  ", clean, StringComparison.Ordinal);
        });
}

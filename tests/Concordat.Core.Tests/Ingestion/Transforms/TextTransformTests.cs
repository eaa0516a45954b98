using System.Globalization;
using Concordat.Core.Ingestion.Transforms;
using static Concordat.Core.Tests.Ingestion.Transforms.TransformAssert;

namespace Concordat.Core.Tests.Ingestion.Transforms;

public sealed class TextTransformTests
{
    [Theory]
    [InlineData("  Jane Doe \t", "Jane Doe")]
    [InlineData("a  b", "a  b")]
    [InlineData(" \r\n ", "")]
    [InlineData("", "")]
    public void Trim_removes_only_leading_and_trailing_white_space(string input, string expected)
    {
        Assert.Equal(expected, Succeeds(new TrimTransform(), input));
    }

    [Theory]
    [InlineData("  a \t b\n\nc  ", "a b c")]
    [InlineData("a\tb", "a b")]
    [InlineData("a\u00A0\u00A0b", "a b")]
    [InlineData("   ", "")]
    [InlineData("", "")]
    [InlineData(" x", "x")]
    public void Collapse_whitespace_turns_runs_into_one_space_and_trims(string input, string expected)
    {
        Assert.Equal(expected, Succeeds(new CollapseWhitespaceTransform(), input));
    }

    [Theory]
    [InlineData("mary smith", "MARY SMITH")]
    [InlineData("Émile", "ÉMILE")]
    public void Upper_case_uses_the_invariant_culture(string input, string expected)
    {
        Assert.Equal(expected, Succeeds(new UpperCaseTransform(), input));
    }

    [Fact]
    public void Upper_and_lower_case_ignore_a_turkish_current_culture()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
            Assert.Equal("I", Succeeds(new UpperCaseTransform(), "i"));
            Assert.Equal("i", Succeeds(new LowerCaseTransform(), "I"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("MARY SMITH", "mary smith")]
    [InlineData("SW1A 1AA", "sw1a 1aa")]
    public void Lower_case_lowers_every_letter(string input, string expected)
    {
        Assert.Equal(expected, Succeeds(new LowerCaseTransform(), input));
    }

    [Theory]
    [InlineData("JOHN SMITH", "John Smith")]
    [InlineData("john smith", "John Smith")]
    [InlineData("o'brien", "O'Brien")]
    [InlineData("O'BRIEN", "O'Brien")]
    [InlineData("O\u2019NEILL", "O\u2019Neill")]
    [InlineData("d'arcy", "D'Arcy")]
    [InlineData("don't stop", "Don't Stop")]
    [InlineData("MCDONALD", "McDonald")]
    [InlineData("mcnally-jones", "McNally-Jones")]
    [InlineData("smith-jones", "Smith-Jones")]
    [InlineData("MACKIE", "Mackie")]
    [InlineData("j.r.r. tolkien", "J.R.R. Tolkien")]
    [InlineData("ÉMILE ZOLA", "Émile Zola")]
    [InlineData("mary  ann", "Mary  Ann")]
    [InlineData("flat 3b, 12 high st", "Flat 3b, 12 High St")]
    [InlineData("MC", "Mc")]
    [InlineData("'quoted'", "'Quoted'")]
    [InlineData("", "")]
    public void Title_case_capitalises_words_and_handles_british_and_irish_names(string input, string expected)
    {
        Assert.Equal(expected, Succeeds(new TitleCaseTransform(), input));
    }

    [Fact]
    public void Text_transforms_return_the_same_instance_when_nothing_changes()
    {
        string mixed = new([.. "Mary Smith"]);
        string upper = new([.. "MARY"]);
        string lower = new([.. "mary"]);

        Assert.Same(mixed, Succeeds(new TrimTransform(), mixed));
        Assert.Same(mixed, Succeeds(new CollapseWhitespaceTransform(), mixed));
        Assert.Same(mixed, Succeeds(new TitleCaseTransform(), mixed));
        Assert.Same(upper, Succeeds(new UpperCaseTransform(), upper));
        Assert.Same(lower, Succeeds(new LowerCaseTransform(), lower));
        Assert.Same(mixed, Succeeds(new ReplaceTransform("x", "y"), mixed));
        Assert.Same(mixed, Succeeds(new EmptyToNullTransform(), mixed));
        Assert.Same(mixed, Succeeds(new DefaultTransform("unknown"), mixed));
        Assert.Same(mixed, Succeeds(new NullIfTransform("N/A"), mixed));
    }

    [Theory]
    [InlineData("N/A")]
    [InlineData("n/a")]
    [InlineData("  N/A ")]
    public void Null_if_turns_the_placeholder_into_null_ignoring_case_and_spaces(string input)
    {
        Assert.Null(Succeeds(new NullIfTransform("N/A"), input));
    }

    [Theory]
    [InlineData("N/A2")]
    [InlineData("NA")]
    [InlineData("")]
    public void Null_if_leaves_other_values_alone(string input)
    {
        Assert.Equal(input, Succeeds(new NullIfTransform("N/A"), input));
    }

    [Fact]
    public void Null_if_with_an_empty_placeholder_nulls_blank_values()
    {
        Assert.Null(Succeeds(new NullIfTransform(""), "   "));
        Assert.Equal("x", Succeeds(new NullIfTransform(""), "x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Empty_to_null_turns_blank_into_null(string input)
    {
        Assert.Null(Succeeds(new EmptyToNullTransform(), input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Default_fills_missing_values(string? input)
    {
        Assert.Equal("Unknown", Succeeds(new DefaultTransform("Unknown"), input));
    }

    [Fact]
    public void Default_keeps_a_present_value()
    {
        Assert.Equal("Known", Succeeds(new DefaultTransform("Unknown"), "Known"));
    }

    [Theory]
    [InlineData("a-b-c", "-", "", "abc")]
    [InlineData("a-b-c", "-", null, "abc")]
    [InlineData("12 High Street", "Street", "St", "12 High St")]
    [InlineData("ABC", "b", "x", "ABC")]
    [InlineData("aaa", "aa", "b", "ba")]
    public void Replace_swaps_every_ordinal_occurrence(string input, string find, string? value, string expected)
    {
        Assert.Equal(expected, Succeeds(new ReplaceTransform(find, value), input));
    }

    [Theory]
    [InlineData("(0161) 496-0000", "01614960000")]
    [InlineData("AB 12 34 56 C", "123456")]
    [InlineData("no digits", "")]
    [InlineData("١٢٣", "")]
    [InlineData("", "")]
    public void Digits_keeps_only_ascii_digits(string input, string expected)
    {
        Assert.Equal(expected, Succeeds(new DigitsTransform(), input));
    }

    [Fact]
    public void Digits_returns_the_same_instance_when_already_all_digits()
    {
        string input = new([.. "0123456789"]);

        Assert.Same(input, Succeeds(new DigitsTransform(), input));
    }

    [Fact]
    public void Constructors_reject_missing_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => new NullIfTransform(null!));
        Assert.Throws<ArgumentNullException>(() => new DefaultTransform(null!));
        Assert.Throws<ArgumentException>(() => new ReplaceTransform("", "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SplitNameTransform((NamePart)7));
    }
}

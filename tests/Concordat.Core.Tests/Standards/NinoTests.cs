using System.Text.RegularExpressions;
using Concordat.Core.Standards;
using CsCheck;

namespace Concordat.Core.Tests.Standards;

public sealed class NinoTests
{
    // The reference pattern from standards.md B2; administrative prefixes must be excluded on top of it.
    private static readonly Regex Reference = new(
        @"^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$", RegexOptions.CultureInvariant);

    private static readonly string[] AdministrativePrefixes = ["OO", "CR", "FY", "MW", "NC"];

    [Theory]
    [InlineData("AB123456C", "AB123456C")]
    [InlineData("AB 12 34 56 C", "AB123456C")]
    [InlineData("ab 12 34 56 c", "AB123456C")]
    [InlineData("  jg103759a ", "JG103759A")]
    [InlineData("OA123456D", "OA123456D")]
    [InlineData("AB\t123456\tB", "AB123456B")]
    public void Valid_nino_normalises_to_compact_upper_case(string input, string expected)
    {
        Assert.True(Nino.TryNormalise(input, out string? normalised));
        Assert.Equal(expected, normalised);
        Assert.True(Nino.IsValid(input));
        Assert.Null(Nino.Explain(input));
    }

    [Fact]
    public void Already_normalised_nino_is_returned_as_the_same_instance()
    {
        string input = new(['A', 'B', '1', '2', '3', '4', '5', '6', 'C']);

        Assert.True(Nino.TryNormalise(input, out string? normalised));

        Assert.Same(input, normalised);
    }

    [Fact]
    public void Hmrc_example_QQ123456A_is_invalid_because_Q_is_never_first()
    {
        Assert.False(Nino.IsValid("QQ 12 34 56 A"));
        Assert.False(Nino.TryNormalise("QQ123456A", out string? normalised));
        Assert.Null(normalised);
        Assert.Contains("first letter cannot be Q", Nino.Explain("QQ123456A"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('D')]
    [InlineData('F')]
    [InlineData('I')]
    [InlineData('Q')]
    [InlineData('U')]
    [InlineData('V')]
    public void Letters_never_used_first_are_rejected(char letter)
    {
        string nino = $"{letter}A123456A";

        Assert.False(Nino.IsValid(nino));
        Assert.Contains($"first letter cannot be {letter}", Nino.Explain(nino), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('D')]
    [InlineData('F')]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Q')]
    [InlineData('U')]
    [InlineData('V')]
    public void Letters_never_used_second_are_rejected(char letter)
    {
        string nino = $"A{letter}123456A";

        Assert.False(Nino.IsValid(nino));
        Assert.Contains($"second letter cannot be {letter}", Nino.Explain(nino), StringComparison.Ordinal);
    }

    [Fact]
    public void O_is_allowed_as_the_first_letter()
    {
        Assert.True(Nino.IsValid("OA123456A"));
    }

    [Theory]
    [InlineData("BG")]
    [InlineData("GB")]
    [InlineData("KN")]
    [InlineData("NK")]
    [InlineData("NT")]
    [InlineData("TN")]
    [InlineData("ZZ")]
    public void Unallocated_prefixes_are_rejected(string prefix)
    {
        string nino = prefix + "123456A";

        Assert.False(Nino.IsValid(nino));
        Assert.Equal($"The prefix {prefix} is not allocated by HMRC.", Nino.Explain(nino));
    }

    [Theory]
    [InlineData("OO")]
    [InlineData("CR")]
    [InlineData("FY")]
    [InlineData("MW")]
    [InlineData("NC")]
    public void Administrative_prefixes_are_not_ninos(string prefix)
    {
        string nino = prefix + "123456A";

        Assert.False(Nino.IsValid(nino));
        Assert.Contains("administrative prefix", Nino.Explain(nino), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11 a1 11 11")]
    [InlineData("12A45678")]
    public void Temporary_reference_numbers_are_not_ninos(string trn)
    {
        Assert.False(Nino.IsValid(trn));
        Assert.Contains("Temporary Reference Number", Nino.Explain(trn), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AB123456E")]
    [InlineData("AB1234567")]
    public void Suffix_must_be_A_to_D(string nino)
    {
        Assert.False(Nino.IsValid(nino));
        Assert.Contains("suffix letter A, B, C or D", Nino.Explain(nino), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AB123456")]
    [InlineData("AB1234567C")]
    [InlineData("AB 12 34 56 C D")]
    [InlineData("A")]
    public void Wrong_length_is_rejected(string nino)
    {
        Assert.False(Nino.IsValid(nino));
        Assert.Contains("nine characters", Nino.Explain(nino), StringComparison.Ordinal);
    }

    [Fact]
    public void Six_digits_must_follow_the_prefix()
    {
        Assert.Contains("six digits", Nino.Explain("AB12E456C"), StringComparison.Ordinal);
        Assert.Contains("starts with two letters", Nino.Explain("A1123456C"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AB-12-34-56-C")]
    [InlineData("AB12345éC")]
    public void Punctuation_and_non_ascii_letters_are_rejected(string nino)
    {
        Assert.False(Nino.IsValid(nino));
        Assert.Equal("A National Insurance number may contain only letters, digits and spaces.", Nino.Explain(nino));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_nino_is_invalid_and_explained_as_empty(string? input)
    {
        Assert.False(Nino.TryNormalise(input, out _));
        Assert.Equal("The National Insurance number is empty.", Nino.Explain(input));
    }

    [Fact]
    public void Explanation_does_not_repeat_the_number()
    {
        Assert.DoesNotContain("123456", Nino.Explain("QQ123456A"), StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_valid_ninos_round_trip_through_spaces_and_lower_case()
    {
        StandardsGen.ValidNino
            .SelectMany(compact => StandardsGen.Scruffy(compact).Select(scruffy => (compact, scruffy)))
            .Sample((compact, scruffy) =>
            {
                Assert.True(Nino.TryNormalise(scruffy, out string? normalised));
                Assert.Equal(compact, normalised);
            });
    }

    [Fact]
    public void Generated_valid_ninos_are_valid_as_they_are()
    {
        StandardsGen.ValidNino.Sample(compact =>
        {
            Assert.True(Nino.TryNormalise(compact, out string? normalised));
            Assert.Same(compact, normalised);
        });
    }

    [Fact]
    public void Validation_agrees_with_the_reference_pattern_for_nine_character_candidates()
    {
        Gen.Select(Gen.Char['A', 'Z'], Gen.Char['A', 'Z'], StandardsGen.Digits(6), Gen.Char['A', 'F'])
            .Select((a, b, digits, suffix) => $"{a}{b}{digits}{suffix}")
            .Sample(candidate =>
            {
                bool expected = Reference.IsMatch(candidate) && !AdministrativePrefixes.Contains(candidate[..2]);
                Assert.Equal(expected, Nino.IsValid(candidate));
            }, iter: 20_000);
    }

    [Fact]
    public void Random_text_never_throws_and_all_entry_points_agree()
    {
        StandardsGen.AnyText.Sample(text =>
        {
            bool valid = Nino.TryNormalise(text, out string? normalised);
            Assert.Equal(valid, Nino.IsValid(text));
            Assert.Equal(valid, Nino.Explain(text) is null);
            Assert.Equal(valid, normalised is not null);
        }, iter: 20_000);
    }

    [Fact]
    public void Normalising_twice_gives_the_same_result_as_once()
    {
        Gen.OneOf<string>(StandardsGen.AnyText, StandardsGen.ValidNino.SelectMany(StandardsGen.Scruffy)).Sample(text =>
        {
            if (Nino.TryNormalise(text, out string? once))
            {
                Assert.True(Nino.TryNormalise(once, out string? twice));
                Assert.Same(once, twice);
            }
        });
    }

    [Fact]
    public void Validating_an_already_normalised_nino_does_not_allocate()
    {
        const string nino = "AB123456C";
        bool valid = Nino.IsValid(nino) && Nino.TryNormalise(nino, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            valid &= Nino.IsValid(nino) && Nino.TryNormalise(nino, out _);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(valid);
        Assert.Equal(0, allocated);
    }
}

using Concordat.Core.Standards;
using CsCheck;

namespace Concordat.Core.Tests.Standards;

public sealed class NhsNumberTests
{
    [Fact]
    public void Nhs_number_9434765919_is_valid()
    {
        Assert.True(NhsNumber.IsValid("9434765919"));
        Assert.Null(NhsNumber.Explain("9434765919"));
    }

    [Theory]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData(" 9434765919 ")]
    [InlineData("94 34 76 59 19")]
    public void Spaces_and_hyphens_are_removed(string input)
    {
        Assert.True(NhsNumber.TryNormalise(input, out string? normalised));
        Assert.Equal("9434765919", normalised);
    }

    [Fact]
    public void Already_normalised_number_is_returned_as_the_same_instance()
    {
        string input = new([.. "9434765919"]);

        Assert.True(NhsNumber.TryNormalise(input, out string? normalised));

        Assert.Same(input, normalised);
    }

    [Fact]
    public void Nhs_number_9434765918_fails_the_check_digit()
    {
        Assert.False(NhsNumber.TryNormalise("9434765918", out string? normalised));
        Assert.Null(normalised);
        Assert.Equal("The check digit is 8 but the first nine digits require 9.", NhsNumber.Explain("9434765918"));
    }

    [Fact]
    public void Every_single_digit_change_of_a_valid_nhs_number_is_invalid()
    {
        const string valid = "9434765919";
        int checkedCount = 0;
        for (int position = 0; position < valid.Length; position++)
        {
            for (char digit = '0'; digit <= '9'; digit++)
            {
                if (digit == valid[position])
                {
                    continue;
                }

                char[] changed = valid.ToCharArray();
                changed[position] = digit;
                Assert.False(NhsNumber.IsValid(new string(changed)), new string(changed));
                checkedCount++;
            }
        }

        Assert.Equal(90, checkedCount);
    }

    [Fact]
    public void Compute_check_digit_of_943476591_is_9()
    {
        Assert.Equal(9, NhsNumber.ComputeCheckDigit("943476591"));
    }

    [Fact]
    public void Remainder_zero_gives_check_digit_zero()
    {
        // Weighted sums 0 and 1 * 3 + 4 * 2 = 11 leave remainder 0, so 11 - 0 = 11, which becomes 0.
        Assert.Equal(0, NhsNumber.ComputeCheckDigit("000000000"));
        Assert.Equal(0, NhsNumber.ComputeCheckDigit("000000014"));
    }

    [Fact]
    public void Check_value_ten_gives_minus_one_and_no_valid_number()
    {
        // Weighted sum 6 * 2 = 12, remainder 1, check 10: no tenth digit can make this valid.
        Assert.Equal(-1, NhsNumber.ComputeCheckDigit("000000006"));
        for (char last = '0'; last <= '9'; last++)
        {
            Assert.False(NhsNumber.IsValid("000000006" + last));
        }

        Assert.Contains("check value of 10", NhsNumber.Explain("0000000060"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("94347659")]
    [InlineData("94347659190")]
    [InlineData("1")]
    public void Compute_check_digit_rejects_anything_but_nine_digits(string input)
    {
        Assert.Throws<ArgumentException>(() => NhsNumber.ComputeCheckDigit(input));
    }

    [Fact]
    public void Compute_check_digit_rejects_non_digits()
    {
        Assert.Throws<ArgumentException>(() => NhsNumber.ComputeCheckDigit("94347659A"));
    }

    [Theory]
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("943 476 591 9 0")]
    public void Wrong_number_of_digits_is_rejected(string input)
    {
        Assert.False(NhsNumber.IsValid(input));
        Assert.Equal("An NHS number has exactly ten digits.", NhsNumber.Explain(input));
    }

    [Theory]
    [InlineData("943476591X")]
    [InlineData("943.476.5919")]
    [InlineData("943/476/5919")]
    public void Letters_and_other_punctuation_are_rejected(string input)
    {
        Assert.False(NhsNumber.IsValid(input));
        Assert.Equal("An NHS number may contain only digits, spaces and hyphens.", NhsNumber.Explain(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Missing_number_is_invalid_and_explained_as_empty(string? input)
    {
        Assert.False(NhsNumber.TryNormalise(input, out _));
        Assert.Equal("The NHS number is empty.", NhsNumber.Explain(input));
    }

    [Fact]
    public void Generated_numbers_with_their_check_digit_are_valid_in_display_format()
    {
        StandardsGen.ValidNhsNumber.Sample(nhs =>
        {
            string display = $"{nhs[..3]} {nhs[3..6]} {nhs[6..]}";
            Assert.True(NhsNumber.TryNormalise(display, out string? normalised));
            Assert.Equal(nhs, normalised);
        });
    }

    [Fact]
    public void Swapping_two_different_adjacent_digits_among_the_first_nine_is_always_detected()
    {
        Gen.Select(StandardsGen.ValidNhsNumber, Gen.Int[0, 7])
            .Where((nhs, i) => nhs[i] != nhs[i + 1])
            .Sample((nhs, i) =>
            {
                char[] swapped = nhs.ToCharArray();
                (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
                Assert.False(NhsNumber.IsValid(new string(swapped)));
            });
    }

    [Fact]
    public void Random_text_never_throws_and_all_entry_points_agree()
    {
        Gen.OneOf<string>(StandardsGen.AnyText, StandardsGen.Digits(10)).Sample(text =>
        {
            bool valid = NhsNumber.TryNormalise(text, out string? normalised);
            Assert.Equal(valid, NhsNumber.IsValid(text));
            Assert.Equal(valid, NhsNumber.Explain(text) is null);
            Assert.Equal(valid, normalised is not null);
        }, iter: 20_000);
    }

    [Fact]
    public void Normalising_twice_gives_the_same_result_as_once()
    {
        Gen.OneOf<string>(StandardsGen.Digits(10), StandardsGen.ValidNhsNumber.SelectMany(StandardsGen.Scruffy)).Sample(text =>
        {
            if (NhsNumber.TryNormalise(text, out string? once))
            {
                Assert.True(NhsNumber.TryNormalise(once, out string? twice));
                Assert.Same(once, twice);
            }
        });
    }

    [Fact]
    public void Validating_an_already_normalised_number_does_not_allocate()
    {
        const string nhs = "9434765919";
        bool valid = NhsNumber.IsValid(nhs) && NhsNumber.TryNormalise(nhs, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            valid &= NhsNumber.IsValid(nhs) && NhsNumber.TryNormalise(nhs, out _);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(valid);
        Assert.Equal(0, allocated);
    }
}

using Concordat.Core.Standards;
using CsCheck;

namespace Concordat.Core.Tests.Standards;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("jane.doe@example.gov.uk", "jane.doe@example.gov.uk")]
    [InlineData("Jane.Doe@Example.GOV.UK", "Jane.Doe@example.gov.uk")]
    [InlineData("  a@b.co  ", "a@b.co")]
    [InlineData("first+tag@sub.domain.org", "first+tag@sub.domain.org")]
    [InlineData("o'brien@example.com", "o'brien@example.com")]
    public void Valid_address_is_trimmed_and_its_domain_lower_cased(string input, string expected)
    {
        Assert.True(EmailAddress.TryNormalise(input, out string? normalised));
        Assert.Equal(expected, normalised);
        Assert.True(EmailAddress.IsValid(input));
        Assert.Null(EmailAddress.Explain(input));
    }

    [Fact]
    public void Local_part_keeps_its_case_because_it_may_be_case_sensitive()
    {
        Assert.True(EmailAddress.TryNormalise("MixedCase@EXAMPLE.com", out string? normalised));
        Assert.Equal("MixedCase@example.com", normalised);
    }

    [Fact]
    public void Already_normal_address_is_returned_as_the_same_instance()
    {
        string input = new([.. "jane.doe@example.gov.uk"]);

        Assert.True(EmailAddress.TryNormalise(input, out string? normalised));

        Assert.Same(input, normalised);
    }

    [Theory]
    [InlineData("no-at-sign.example.com", "An e-mail address has exactly one @.")]
    [InlineData("two@@example.com", "An e-mail address has exactly one @.")]
    [InlineData("a@b@example.com", "An e-mail address has exactly one @.")]
    [InlineData("@example.com", "An e-mail address needs a name before the @.")]
    [InlineData("jane@", "An e-mail address needs a domain after the @.")]
    [InlineData("jane@localhost", "The domain of an e-mail address must contain a dot, e.g. example.gov.uk.")]
    [InlineData("jane doe@example.com", "An e-mail address cannot contain spaces or control characters.")]
    [InlineData("jane@exa mple.com", "An e-mail address cannot contain spaces or control characters.")]
    [InlineData("jane\u0001@example.com", "An e-mail address cannot contain spaces or control characters.")]
    [InlineData("jane@example..com", "The domain of an e-mail address cannot start or end with a dot or contain two dots in a row.")]
    [InlineData("jane@.example.com", "The domain of an e-mail address cannot start or end with a dot or contain two dots in a row.")]
    [InlineData("jane@example.com.", "The domain of an e-mail address cannot start or end with a dot or contain two dots in a row.")]
    public void Malformed_address_is_rejected_with_a_reason(string input, string reason)
    {
        Assert.False(EmailAddress.TryNormalise(input, out string? normalised));
        Assert.Null(normalised);
        Assert.Equal(reason, EmailAddress.Explain(input));
    }

    [Fact]
    public void Address_of_254_characters_is_accepted_and_255_rejected()
    {
        string domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4));
        string local = new('l', 254 - 1 - domain.Length);
        string longest = local + "@" + domain;
        Assert.Equal(254, longest.Length);

        Assert.True(EmailAddress.IsValid(longest));
        Assert.False(EmailAddress.IsValid("l" + longest));
        Assert.Equal("An e-mail address has at most 254 characters.", EmailAddress.Explain("l" + longest));
    }

    [Fact]
    public void Local_part_longer_than_64_characters_is_rejected()
    {
        Assert.True(EmailAddress.IsValid(new string('a', 64) + "@example.com"));
        Assert.Equal(
            "The part of an e-mail address before the @ has at most 64 characters.",
            EmailAddress.Explain(new string('a', 65) + "@example.com"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_address_is_invalid_and_explained_as_empty(string? input)
    {
        Assert.False(EmailAddress.TryNormalise(input, out _));
        Assert.Equal("The e-mail address is empty.", EmailAddress.Explain(input));
    }

    [Fact]
    public void Random_text_never_throws_and_all_entry_points_agree()
    {
        StandardsGen.AnyText.Sample(text =>
        {
            bool valid = EmailAddress.TryNormalise(text, out string? normalised);
            Assert.Equal(valid, EmailAddress.IsValid(text));
            Assert.Equal(valid, EmailAddress.Explain(text) is null);
            Assert.Equal(valid, normalised is not null);
        }, iter: 20_000);
    }

    [Fact]
    public void Normalising_twice_gives_the_same_result_as_once()
    {
        Gen<string> addresses = Gen.Select(
                Gen.Char["abcXYZ.+_0"].Array[1, 10],
                Gen.Char["abcdeXYZ-"].Array[1, 10],
                Gen.OneOf("uk", "GOV.UK", "Com"),
                Gen.OneOf("", " ", "\t"))
            .Select((local, domain, tld, pad) => $"{pad}{new string(local)}@{new string(domain)}.{tld}{pad}");
        Gen.OneOf<string>(StandardsGen.AnyText, addresses).Sample(text =>
        {
            if (EmailAddress.TryNormalise(text, out string? once))
            {
                Assert.True(EmailAddress.TryNormalise(once, out string? twice));
                Assert.Same(once, twice);
                Assert.Equal(once.Trim(), once);
            }
        });
    }
}

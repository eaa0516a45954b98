using Concordat.Core.Governance;
using CsCheck;

namespace Concordat.Core.Tests.Governance;

public sealed class PseudonymiserTests
{
    [Fact]
    public void Token_is_deterministic_under_one_key_and_43_base64url_characters()
    {
        var key = Pseudonymiser.NewKey();

        var token = Pseudonymiser.Token(key, "QQ123456C");

        Assert.Equal(token, Pseudonymiser.Token(key, "QQ123456C"));
        Assert.Equal(Pseudonymiser.TokenLength, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.DoesNotContain("QQ123456C", token, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_matches_hmac_sha256_of_the_utf8_value()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, "Zoë"u8.ToArray()))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Equal(expected, Pseudonymiser.Token(key, "Zoë"));
    }

    [Fact]
    public void Tokens_never_repeat_across_agreements()
    {
        var values = Gen.String[1, 20].HashSet[1, 50];
        Gen.Select(values, Gen.Byte.Array[32], Gen.Byte.Array[32]).Sample((set, keyA, keyB) =>
        {
            if (keyA.AsSpan().SequenceEqual(keyB))
            {
                return;
            }

            var a = set.Select(v => Pseudonymiser.Token(keyA, v)).ToHashSet(StringComparer.Ordinal);
            var b = set.Select(v => Pseudonymiser.Token(keyB, v)).ToHashSet(StringComparer.Ordinal);

            Assert.Equal(set.Count, a.Count);
            Assert.Empty(a.Intersect(b));
        }, iter: 2_000);
    }

    [Fact]
    public void Provider_resolves_a_token_by_recomputing_over_its_values()
    {
        var key = Pseudonymiser.NewKey();
        var token = Pseudonymiser.Token(key, "AB123456C");

        Assert.Equal(["AB123456C"], Pseudonymiser.Resolve(key, token, ["QQ123456C", "AB123456C", "ZZ999999A"]));
        Assert.Empty(Pseudonymiser.Resolve(Pseudonymiser.NewKey(), token, ["AB123456C"]));
    }

    [Fact]
    public void Key_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Pseudonymiser.Token(new byte[16], "x"));
    }
}

using System.Security.Cryptography;
using Concordat.Core.Federation;

namespace Concordat.Core.Tests.Federation;

public sealed class WitnessPolicyTests
{
    private static string Witness(string name) => NoteVerifierKey.ForEd25519(name, RandomNumberGenerator.GetBytes(32), NoteVerifierKey.CosignatureV1Type).Encoded;

    private static string Log(string origin) => NoteVerifierKey.ForEd25519(origin, RandomNumberGenerator.GetBytes(32)).Encoded;

    [Fact]
    public void The_specifications_two_level_example_parses_and_its_quorum_needs_two_x_and_one_y()
    {
        var policy = WitnessPolicy.Parse($"""
            # two operators' witnesses
            log {Log("example.com/log")}

            witness X1 {Witness("x1.example")}
            witness X2 {Witness("x2.example")} https://x2.example/witness
            witness X3 {Witness("x3.example")}
            group X-witnesses 2 X1 X2 X3

            witness Y1 {Witness("y1.example")}
            witness Y2 {Witness("y2.example")}
            witness Y3 {Witness("y3.example")}
            group Y-witnesses any Y1 Y2 Y3

            group X-and-Y all X-witnesses Y-witnesses
            quorum X-and-Y

            """);
        Assert.True(policy.IsSuccess, policy.IsSuccess ? null : policy.Errors[0].Message);
        var p = policy.Value;
        Assert.Single(p.Logs);
        Assert.Equal(6, p.Witnesses.Count);
        Assert.Equal("https://x2.example/witness", p.Witnesses[1].Url);
        Assert.True(p.IsSatisfiedBy(new HashSet<string> { "X1", "X3", "Y2" }));
        Assert.False(p.IsSatisfiedBy(new HashSet<string> { "X1", "Y1", "Y2", "Y3" }));
        Assert.False(p.IsSatisfiedBy(new HashSet<string> { "X1", "X2", "X3" }));
    }

    [Fact]
    public void Quorum_none_needs_no_cosignature()
    {
        Assert.True(WitnessPolicy.NoWitnesses.IsSatisfiedBy(new HashSet<string>()));
    }

    [Fact]
    public void Tabs_and_leading_whitespace_separate_words()
    {
        var policy = WitnessPolicy.Parse($"  witness\tW1 \t {Witness("w1")}  \nquorum W1\n");
        Assert.True(policy.IsSuccess);
        Assert.True(policy.Value.IsSatisfiedBy(new HashSet<string> { "W1" }));
    }

    public static TheoryData<string> Invalid() => new()
    {
        "",
        "# only a comment\n",
        "quorum none\nquorum none\n",
        "quorum W1\n",
        $"quorum W1\nwitness W1 {Witness("w1")}\n",
        $"witness W1 {Witness("w1")}\ngroup G 0 W1\nquorum G\n",
        $"witness W1 {Witness("w1")}\ngroup G 2 W1\nquorum G\n",
        $"witness W1 {Witness("w1")}\ngroup G -1 W1\nquorum G\n",
        $"witness W1 {Witness("w1")}\ngroup G some W1\nquorum G\n",
        $"witness W1 {Witness("w1")}\ngroup G any\nquorum G\n",
        $"witness W1 {Witness("w1")}\ngroup G any W1 W1\nquorum G\n",
        $"witness W1 {Witness("w1")}\ngroup G any W1\ngroup H any W1\nquorum G\n",
        $"witness W1 {Witness("w1")}\ngroup G any W1 none\nquorum G\n",
        $"witness W1 {Witness("w1")}\nwitness W1 {Witness("w2")}\nquorum W1\n",
        $"witness none {Witness("w1")}\nquorum none\n",
        $"witness W1 {Log("not-a-cosigner")}\nquorum W1\n",
        $"log {Witness("not-a-log")}\nquorum none\n",
        $"witness W1 {Witness("w1")} https://a https://b\nquorum W1\n",
        "witness W1 notakey\nquorum W1\n",
        "logs x\nquorum none\n",
        "quorum none\r\n",
        "quorum none extra\n",
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Policies_that_break_a_rule_are_refused(string text)
    {
        var parsed = WitnessPolicy.Parse(text);
        Assert.False(parsed.IsSuccess);
        Assert.Equal("witness_policy.invalid", parsed.Errors[0].Code);
    }

    [Fact]
    public void The_same_key_under_two_names_is_a_duplicate()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        var a = NoteVerifierKey.ForEd25519("a", bytes, NoteVerifierKey.CosignatureV1Type).Encoded;
        var b = NoteVerifierKey.ForEd25519("b", bytes, NoteVerifierKey.CosignatureV1Type).Encoded;
        Assert.False(WitnessPolicy.Parse($"witness A {a}\nwitness B {b}\nquorum A\n").IsSuccess);
    }
}

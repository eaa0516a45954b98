using Concordat.Fuzz;
using Concordat.Server.Tests.Infrastructure;

namespace Concordat.Server.Tests.Reliability;

/// <summary>
/// Issue 13 item 3: every input afl++ ever found to crash a target (fuzz/crashers/TARGET) and every seed
/// (fuzz/corpus/TARGET) runs through the same fuzz target on every test run, so a fixed crash stays fixed.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string> ParserTargetNames => [.. ParserTargets.All().Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(ParserTargetNames))]
    public void Every_seed_and_every_crasher_found_so_far_is_answered_or_refused(string name)
    {
        var target = ParserTargets.All().Single(t => t.Name == name);
        var inputs = new[] { "corpus", "crashers" }
            .Select(folder => Repository.PathOf("fuzz", folder, name))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder))
            .ToList();
        Assert.NotEmpty(inputs);
        foreach (var input in inputs)
        {
            var exception = Record.Exception(() => target.Run(File.ReadAllBytes(input)));
            Assert.True(exception is null, $"{Path.GetRelativePath(Repository.Root, input)}: {exception}");
        }
    }

    [Fact]
    public void Every_target_has_a_seed_corpus() =>
        Assert.All(ParserTargets.All().Concat(HttpTargets.All()), t => Assert.NotEmpty(Directory.GetFiles(Repository.PathOf("fuzz", "corpus", t.Name))));
}

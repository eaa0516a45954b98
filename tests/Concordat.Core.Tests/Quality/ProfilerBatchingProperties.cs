using Concordat.Core.Quality;
using CsCheck;

namespace Concordat.Core.Tests.Quality;

/// <summary>The profiler splits work across threads in batches; its figures must equal a plain count of the rows.</summary>
public sealed class ProfilerBatchingProperties
{
    [Fact]
    public void Counts_match_a_direct_count_across_batch_boundaries() =>
        Gen.Int[0, 7000].Select(Gen.Int).Sample((rows, seed) =>
        {
            var random = new Random(seed);
            var rules = QualityRuleFile.Parse(
                """{"rules": [{"type": "not_null", "field": "surname"}, {"type": "unique", "field": "status"}, {"type": "in_set", "field": "status", "values": ["s1", "s2"]}]}""",
                ProfileData.People(),
                _ => null).Value;
            var profiler = new DatasetProfiler(ProfileData.People(), ProfileData.Now, rules: rules);
            long nulls = 0, blanks = 0, notInSet = 0;
            var seen = new HashSet<string>();
            long repeats = 0;
            var firstMissing = new List<string>();
            for (var i = 0; i < rows; i++)
            {
                var kind = random.Next(3);
                string? surname = kind == 0 ? null : kind == 1 ? " " : "Name" + random.Next(50);
                var status = "s" + random.Next(6);
                nulls += kind == 0 ? 1 : 0;
                blanks += kind == 1 ? 1 : 0;
                notInSet += status is "s1" or "s2" ? 0 : 1;
                repeats += seen.Add(status) ? 0 : 1;
                if (kind != 2 && firstMissing.Count < 5)
                {
                    firstMissing.Add("k" + i);
                }

                profiler.AddRow(["1", null, surname, status, null, null, null], "k" + i, ProfileData.Now);
            }

            var profile = profiler.Complete(ProfileTrigger.OnDemand, null, null);
            var field = profile.Fields.Single(f => f.Name == "surname");
            Assert.Equal(rows, profile.Rows);
            Assert.Equal(nulls, field.Nulls);
            Assert.Equal(blanks, field.Blanks);
            Assert.Equal(nulls + blanks, profile.Rules[0].Failed);
            Assert.Equal(firstMissing, profile.Rules[0].Examples.Select(e => e.Key));
            Assert.Equal(repeats, profile.Rules[1].Failed);
            Assert.Equal(notInSet, profile.Rules[2].Failed);
            Assert.Equal(seen.Count, profile.Fields.Single(f => f.Name == "status").Distinct);
        }, iter: 30);
}

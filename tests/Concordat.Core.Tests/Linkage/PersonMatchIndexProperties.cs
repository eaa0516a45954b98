using Concordat.Core.Linkage;
using Concordat.Core.Linkage.Internal;
using CsCheck;

namespace Concordat.Core.Tests.Linkage;

public sealed class PersonMatchIndexProperties
{
    // A held record's value as a query might give it: as held, mistyped, in other case, from another record, as a formal
    // name for a familiar one, or left out.
    private static string? Variant(string? value, string? other, int kind, int at) => kind switch
    {
        0 or 1 => value,
        6 => null,
        7 when value is not null => NicknameTable.Forms(value.ToUpperInvariant()).Skip(1).FirstOrDefault() ?? value,
        2 when value is { Length: > 1 } => value.Remove(at % value.Length, 1),
        3 when value is { Length: > 1 } => value[..(at % (value.Length - 1))] + value[(at % (value.Length - 1)) + 1] + value[at % (value.Length - 1)] + value[((at % (value.Length - 1)) + 2)..],
        4 => other,
        _ => value?.ToLowerInvariant(),
    };

    [Fact]
    public void The_fast_path_scores_every_candidate_exactly_as_the_linkage_engine_explains_the_pair()
    {
        var (settings, model, records, _) = PersonMatchIndexTests.People.Value;
        using var index = PersonMatchIndex.Build(settings, model, records, PersonMatchIndexTests.People.Value.Links).Value;
        var columns = settings.Columns.Select(c => c.Name).Where(c => c != settings.UniqueIdColumn).ToArray();
        var byRef = records.ToDictionary(r => r.Ref);
        var engine = new LinkageEngine(settings with { LinkType = LinkType.Dedupe });
        var compared = 0;

        var gen = Gen.Select(Gen.Int[0, records.Count - 1], Gen.Int[0, records.Count - 1], Gen.Int[0, 7].Array[columns.Length], Gen.Int[0, 40].Array[columns.Length])
            .Select((i, j, kinds, ats) => columns
                .Select((c, k) => (Column: c, Value: Variant(records[i].Fields.GetValueOrDefault(c), records[j].Fields.GetValueOrDefault(c), kinds[k], ats[k])))
                .Where(p => p.Value is not null)
                .ToDictionary(p => p.Column, p => p.Value, StringComparer.Ordinal));
        gen.Sample(query =>
        {
            var found = index.Match(query, PersonMatchIndex.MaxLimit, 0);
            if (!found.IsSuccess)
            {
                Assert.Equal("persons.match_empty", found.Errors.Single().Code);
                return;
            }

            foreach (var candidate in found.Value)
            {
                var held = byRef[candidate.Record];
                var pair = new List<HubRecord>
                {
                    new(new RecordRef("q", "query"), DateTimeOffset.UnixEpoch, columns.ToDictionary(c => c, c => query.GetValueOrDefault(c), StringComparer.Ordinal)),
                    new(new RecordRef("q", "held"), DateTimeOffset.UnixEpoch, columns.ToDictionary(c => c, c => held.Fields.GetValueOrDefault(c), StringComparer.Ordinal)),
                };
                using var source = new HubRecordSource(pair, [.. columns, settings.UniqueIdColumn], settings.UniqueIdColumn);
                var data = LinkageData.Load(settings, [source]).Value;
                var expected = engine.Explain(data, model, 0, 1, index.Frequency);
                var actual = candidate.Explanation;

                Assert.Equal(expected.Probability, actual.Probability);
                Assert.Equal(expected.Probability, candidate.Probability);
                Assert.Equal(expected.Weight, actual.Weight);
                Assert.Equal(expected.Steps.Count, actual.Steps.Count);
                foreach (var (e, a) in expected.Steps.Zip(actual.Steps))
                {
                    Assert.Equal(e.Comparison, a.Comparison);
                    Assert.Equal(e.Level, a.Level);
                    Assert.Equal(e.LeftValue, a.LeftValue);
                    Assert.Equal(e.RightValue, a.RightValue);
                    Assert.Equal(e.Weight, a.Weight);
                    Assert.Equal(e.TfAdjustment, a.TfAdjustment);
                    Assert.Equal(e.RunningTotal, a.RunningTotal);
                }

                compared++;
            }
        }, iter: 300);

        Assert.True(compared > 300, $"only {compared} candidates compared");
    }
}

using System.Text;
using Concordat.Core.Linkage;
using Concordat.Core.Synthesis;
using static Concordat.Core.Tests.Linkage.LinkageTestData;

namespace Concordat.Core.Tests.Linkage;

public sealed class PersonMatchIndexTests
{
    internal static readonly Lazy<(LinkageSettings Settings, LinkageModel Model, List<HubRecord> Records, Dictionary<RecordRef, string> Links)> People = new(() =>
    {
        var settings = PeopleSettings();
        using var stream = new MemoryStream();
        SynthPeopleCsv.Write(new SynthOptions { People = 1500, Seed = 21 }, stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        var data = TryLoad(settings, "personId", text).Value;
        var model = new LinkageEngine(settings).Train(data).Value;

        // The synthetic truth stands in for a resolution: each record linked to its person.
        var records = new List<HubRecord>();
        var links = new Dictionary<RecordRef, string>();
        using var source = Csv(text);
        while (source.Read())
        {
            var fields = source.Columns.Select((c, i) => (c, source.GetValue(i))).ToDictionary(p => p.c, p => p.Item2, StringComparer.Ordinal);
            var reference = new RecordRef("people", fields["recordId"]!);
            records.Add(new HubRecord(reference, DateTimeOffset.UnixEpoch, fields));
            links[reference] = fields["personId"]!;
        }

        return (settings, model, records, links);
    });

    private static PersonMatchIndex Index()
    {
        var (settings, model, records, links) = People.Value;
        return PersonMatchIndex.Build(settings, model, records, links).Value;
    }

    private static Dictionary<string, string?> Query(HubRecord record, params string[] columns) =>
        columns.ToDictionary(c => c, c => record.Fields[c], StringComparer.Ordinal);

    [Fact]
    public void A_held_record_finds_its_own_person_first_with_a_waterfall_that_adds_up()
    {
        using var index = Index();
        var (settings, _, records, links) = People.Value;
        Assert.Equal(records.Count, index.RecordCount);
        Assert.Equal(links.Values.Distinct().Count(), index.PersonCount);

        foreach (var record in records.Where((_, i) => i % 97 == 0))
        {
            var query = Query(record, [.. settings.Columns.Select(c => c.Name).Where(c => c != settings.UniqueIdColumn)]);
            var found = index.Match(query, 5, 0.01).Value;

            Assert.Equal(links[record.Ref], found[0].PersonId);
            Assert.True(found[0].Probability > 0.99, $"{found[0].Probability}");
            Assert.Equal(found.Count, found.Select(c => c.PersonId).Distinct().Count());
            Assert.True(found.Zip(found.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
            var waterfall = found[0].Explanation;
            Assert.Equal(settings.Comparisons.Count, waterfall.Steps.Count);
            Assert.Equal(waterfall.PriorWeight + waterfall.Steps.Sum(s => s.Weight + s.TfAdjustment), waterfall.Weight, 3);
            Assert.Equal(waterfall.Steps[^1].RunningTotal, waterfall.Weight, 3);
        }
    }

    [Fact]
    public void A_record_with_only_some_columns_and_a_typo_still_finds_its_person()
    {
        using var index = Index();
        var (_, _, records, links) = People.Value;
        var record = records[42];
        var query = Query(record, "givenName", "familyName", "dob");
        query["familyName"] = query["familyName"] + "e";

        var found = index.Match(query, 3, 0.01).Value;

        Assert.Contains(found, c => c.PersonId == links[record.Ref]);
        Assert.All(found[0].Explanation.Steps.Where(s => s.Comparison is "nino" or "email"), s => Assert.Null(s.LeftValue));
    }

    [Fact]
    public void Minimum_probability_and_limit_bound_the_answer()
    {
        using var index = Index();
        var record = People.Value.Records[7];
        var loose = index.Match(Query(record, "familyName", "dob"), 100, 0).Value;
        var strict = index.Match(Query(record, "familyName", "dob"), 100, 0.999999).Value;
        var one = index.Match(Query(record, "familyName", "dob"), 1, 0).Value;

        Assert.True(loose.Count >= strict.Count);
        Assert.All(strict, c => Assert.True(c.Probability >= 0.999999));
        Assert.Single(one);
        Assert.Equal(loose[0].PersonId, one[0].PersonId);
    }

    [Theory]
    [InlineData(0, 0.5, "persons.match_limit_invalid")]
    [InlineData(101, 0.5, "persons.match_limit_invalid")]
    [InlineData(5, 1.0, "persons.match_probability_invalid")]
    [InlineData(5, -0.1, "persons.match_probability_invalid")]
    [InlineData(5, double.NaN, "persons.match_probability_invalid")]
    public void Bad_limits_are_refused(int limit, double minProbability, string code)
    {
        using var index = Index();
        var result = index.Match(new Dictionary<string, string?> { ["dob"] = "1980-01-01" }, limit, minProbability);
        Assert.Equal(code, result.Errors.Single().Code);
    }

    [Fact]
    public void Unknown_columns_and_records_nothing_can_block_on_are_refused()
    {
        using var index = Index();
        Assert.Equal("persons.match_unknown_column", index.Match(new Dictionary<string, string?> { ["shoeSize"] = "9" }, 5, 0.5).Errors.Single().Code);
        Assert.Equal("persons.match_unknown_column", index.Match(new Dictionary<string, string?> { ["recordId"] = "R1" }, 5, 0.5).Errors.Single().Code);
        Assert.Equal("persons.match_empty", index.Match(new Dictionary<string, string?> { ["sex"] = "F" }, 5, 0.5).Errors.Single().Code);
        Assert.Equal("persons.match_empty", index.Match(new Dictionary<string, string?> { ["dob"] = "not a date" }, 5, 0.5).Errors.Single().Code);
    }

    [Fact]
    public void Records_added_moved_and_removed_change_the_answer_without_a_rebuild()
    {
        using var index = Index();
        var newcomer = new HubRecord(new RecordRef("people", "new-1"), DateTimeOffset.UnixEpoch, new Dictionary<string, string?>
        {
            ["givenName"] = "Zebedee", ["familyName"] = "Quillfeather", ["dob"] = "1931-02-03", ["postcode"] = "ZE2 9XX", ["nino"] = "ZX123456C",
        });
        var query = new Dictionary<string, string?> { ["givenName"] = "Zebedee", ["familyName"] = "Quillfeather", ["dob"] = "1931-02-03", ["nino"] = "ZX123456C" };
        Assert.Empty(index.Match(query, 5, 0.5).Value);

        index.Upsert(newcomer, "P-new");
        Assert.Equal("P-new", index.Match(query, 5, 0.5).Value[0].PersonId);

        index.Relink(new Dictionary<RecordRef, string> { [newcomer.Ref] = "P-merged" });
        Assert.Equal("P-merged", index.Match(query, 5, 0.5).Value[0].PersonId);

        Assert.True(index.Remove(newcomer.Ref));
        Assert.False(index.Remove(newcomer.Ref));
        Assert.Empty(index.Match(query, 5, 0.5).Value);
        Assert.Equal(People.Value.Records.Count, index.RecordCount);
    }

    [Fact]
    public void Term_frequencies_come_from_every_held_record_not_from_the_candidates()
    {
        using var index = Index();
        var (_, _, records, _) = People.Value;
        var common = records.GroupBy(r => r.Fields["familyName"]).OrderByDescending(g => g.Count()).First().First();
        var rare = records.GroupBy(r => r.Fields["familyName"]).Where(g => g.Count() == 1).Select(g => g.First()).First();

        double FamilyTf(HubRecord record) => index.Match(Query(record, "givenName", "familyName", "dob"), 1, 0).Value[0]
            .Explanation.Steps.Single(s => s.Comparison == "familyName").TfAdjustment;

        // A name many people share says less than one only this person has.
        Assert.True(FamilyTf(common) < FamilyTf(rare), $"common {FamilyTf(common)}, rare {FamilyTf(rare)}");
    }

    [Fact]
    public void A_model_trained_with_other_settings_is_refused()
    {
        var (settings, model, records, links) = People.Value;
        var fewer = settings with { Comparisons = [.. settings.Comparisons.Skip(1)] };
        Assert.Equal("linkage.model_mismatch", PersonMatchIndex.Build(fewer, model, records, links).Errors.Single().Code);
    }

    [Fact]
    public void A_block_over_the_cap_is_left_out_and_named_never_silently_dropped()
    {
        using var index = Index();
        var (settings, _, records, links) = People.Value;
        // A person with two records: under every rule the query's block holds at least the two of them.
        var twin = records.First(r => links.Values.Count(p => p == links[r.Ref]) >= 2);
        var query = Query(twin, [.. settings.Columns.Select(c => c.Name).Where(c => c != settings.UniqueIdColumn)]);

        var open = index.Find(query, 5, 0.01, PersonMatchIndex.DefaultMaxBlockRecords, null).Value;
        Assert.Empty(open.SkippedBlocks);
        Assert.Equal(links[twin.Ref], open.Candidates[0].PersonId);

        var capped = index.Find(query, 5, 0.01, 1, null).Value;
        Assert.NotEmpty(capped.SkippedBlocks);
        Assert.All(capped.SkippedBlocks, b => Assert.Contains(b.Rule, settings.BlockingRules));
        Assert.All(capped.SkippedBlocks, b => Assert.True(b.Records > 1));
        // Only blocks of at most one record were scored, one per rule not left out.
        Assert.True(capped.RecordsScored <= settings.BlockingRules.Count - capped.SkippedBlocks.Count);
        Assert.True(capped.RecordsScored < open.RecordsScored);

        Assert.Equal("persons.match_block_cap_invalid", index.Find(query, 5, 0.01, 0, null).Errors.Single().Code);
        Assert.Equal("persons.match_block_cap_invalid", index.Find(query, 5, 0.01, PersonMatchIndex.MaxBlockRecordsLimit + 1, null).Errors.Single().Code);
    }

    [Fact]
    public void Matching_within_one_dataset_scores_only_its_records()
    {
        var (settings, model, records, links) = People.Value;
        // The same people split across two datasets: every other record moves to "other".
        var split = records.Select((r, i) => i % 2 == 0 ? r : r with { Ref = new RecordRef("other", r.Ref.RecordKey) }).ToList();
        var splitLinks = split.ToDictionary(r => r.Ref, r => links[new RecordRef("people", r.Ref.RecordKey)]);
        using var index = PersonMatchIndex.Build(settings, model, split, splitLinks).Value;
        var probe = split.First(r => r.Ref.DatasetId == "other");
        var query = Query(probe, [.. settings.Columns.Select(c => c.Name).Where(c => c != settings.UniqueIdColumn)]);

        var everywhere = index.Find(query, 100, 0.0, PersonMatchIndex.DefaultMaxBlockRecords, null).Value;
        var onlyOther = index.Find(query, 100, 0.0, PersonMatchIndex.DefaultMaxBlockRecords, "other").Value;

        Assert.Contains(everywhere.Candidates, c => c.Record.DatasetId == "people");
        Assert.All(onlyOther.Candidates, c => Assert.Equal("other", c.Record.DatasetId));
        Assert.Equal(probe.Ref, onlyOther.Candidates[0].Record);
        Assert.True(onlyOther.RecordsScored < everywhere.RecordsScored);
    }
}

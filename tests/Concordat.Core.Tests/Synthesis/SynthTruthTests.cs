using Concordat.Core.Synthesis;

namespace Concordat.Core.Tests.Synthesis;

public sealed class SynthTruthTests
{
    private static readonly SynthRun Run = SynthRun.Generate(new SynthOptions { People = 4000, Seed = 5, Errors = new SynthErrorRates { Duplicate = 0.05 } });

    [Fact]
    public void Truth_names_every_department_record_exactly_once()
    {
        var records = new List<(string, string)>();
        records.AddRange(Run.Hmrc().Select(r => ("hmrc", r["TAXPAYER_REF"])));
        records.AddRange(Run.Dwp().Select(c => ("dwp", c.GetProperty("claimantId").GetString()!)));
        records.AddRange(Run.Dvla().Select(r => ("dvla", SynthRun.EbcdicText(r["REC_NO"]))));
        records.AddRange(Run.Council().Select(r => ("council", r.Attribute("id")!.Value)));

        var truth = Run.Truth();
        Assert.Equal(records.Count, records.Distinct().Count());
        Assert.Equal(truth.Count, records.Count);
        Assert.True(truth.Keys.ToHashSet().SetEquals(records));
        Assert.Equal(Run.Summary.TotalRecords, truth.Count);
        Assert.All(truth.Values, index => Assert.InRange(index, 0, Run.Options.People - 1));
        Assert.True(Run.Summary.Duplicates.Values.Sum() > 0);
    }

    [Fact]
    public void Departments_cover_overlapping_subsets_of_the_population()
    {
        var truth = Run.Truth();
        var people = Enumerable.Range(0, Run.Options.People).Select(Run.Person).ToList();
        HashSet<int> Held(string department) => [.. truth.Where(t => t.Key.Department == department).Select(t => t.Value)];

        var hmrc = Held("hmrc");
        var dwp = Held("dwp");
        var dvla = Held("dvla");
        var council = Held("council");

        var adults = people.Where(p => p.Age >= 16).ToList();
        Assert.All(hmrc, i => Assert.True(people[i].Age >= 16));
        Assert.InRange(hmrc.Count / (double)adults.Count, 0.65, 0.95);
        Assert.InRange(dwp.Count / (double)people.Count, 0.2, 0.4);
        var drivingAge = people.Count(p => p.Age >= 17);
        Assert.All(dvla, i => Assert.True(people[i].Age >= 17));
        Assert.InRange(dvla.Count / (double)drivingAge, 0.6, 0.8);
        Assert.InRange(council.Count / (double)people.Count, 0.02, 0.15);

        Assert.NotEmpty(hmrc.Intersect(dwp).Intersect(dvla));
        Assert.NotEmpty(hmrc.Intersect(council));

        // The council holds residents of its towns only, as it last heard.
        Assert.All(Run.Council(), r => Assert.Contains(r.Element("Address")!.Element("Town")!.Value, Run.Options.CouncilTowns));
    }
}

using Concordat.Core.Synthesis;
using Concordat.Core.Synthesis.Internal;

namespace Concordat.Core.Tests.Synthesis;

public sealed class SynthErrorInjectionTests
{
    private const int People = 3000;

    private static SynthRun Run(SynthErrorRates rates, params SynthDepartment[] departments) =>
        SynthRun.Generate(new SynthOptions
        {
            People = People,
            Seed = 21,
            Errors = rates,
            Departments = departments.Length == 0 ? SynthOptions.AllDepartments : departments,
        });

    [Fact]
    public void Clean_run_injects_nothing_and_every_record_shows_the_truth()
    {
        var run = Run(SynthErrorRates.None);

        Assert.All(run.Summary.Errors.Values, count => Assert.Equal(0, count));
        Assert.All(run.Summary.Duplicates.Values, count => Assert.Equal(0, count));
        var truth = run.Truth();
        foreach (var (department, recordId, dob, given, family) in run.NameAndBirthRecords())
        {
            var person = run.Person(truth[(department, recordId)]);
            Assert.Equal(person.DateOfBirth.ToString("yyyy-MM-dd"), dob);
            Assert.Equal(person.GivenName.ToUpperInvariant(), given.ToUpperInvariant());
            Assert.Equal(Truncate(person.FamilyName, 30).ToUpperInvariant(), family.ToUpperInvariant());
        }

        Assert.All(run.Hmrc(), r => Assert.Matches(SyntheticPopulationTests.NinoPattern, r["NINO"]));
        Assert.All(run.Hmrc(), r => Assert.Matches(SyntheticPopulationTests.PostcodePattern, r["POSTCODE"]));
        var nhsNumbers = run.Dwp().Where(c => c.TryGetProperty("nhsNumber", out _)).Select(c => c.GetProperty("nhsNumber").GetString()!).ToList();
        Assert.NotEmpty(nhsNumbers);
        Assert.All(nhsNumbers, n => Assert.True(SyntheticPopulationTests.ReferenceNhsCheck(n), n));
    }

    [Fact]
    public void Invalid_identifiers_are_exactly_those_counted()
    {
        var run = Run(SynthErrorRates.None with { InvalidIdentifier = 0.3 });

        var badNinos = run.Hmrc().Count(r => !SyntheticPopulationTests.NinoPattern.IsMatch(r["NINO"]))
            + run.Dwp().Count(c => !SyntheticPopulationTests.NinoPattern.IsMatch(c.GetProperty("nino").GetString() ?? ""));
        var badNhs = run.Dwp().Count(c => c.TryGetProperty("nhsNumber", out var n) && !SyntheticPopulationTests.ReferenceNhsCheck(n.GetString()!));
        var postcodes = run.Hmrc().Select(r => r["POSTCODE"])
            .Concat(run.Dwp().Select(c => c.GetProperty("address").GetProperty("postcode").GetString()!))
            .Concat(run.Dvla().Select(r => SynthRun.EbcdicText(r["POSTCODE"])))
            .Concat(run.Council().Select(r => r.Element("Address")!.Element("Postcode")!.Value));
        var badPostcodes = postcodes.Count(p => !SyntheticPopulationTests.PostcodePattern.IsMatch(Spaced(p)));

        Assert.InRange(badNinos, 1, int.MaxValue);
        Assert.InRange(badNhs, 1, int.MaxValue);
        Assert.Equal(run.Summary.Errors[SynthErrorKind.InvalidNino], badNinos);
        Assert.Equal(run.Summary.Errors[SynthErrorKind.InvalidNhsNumber], badNhs);
        Assert.Equal(run.Summary.Errors[SynthErrorKind.InvalidPostcode], badPostcodes);
    }

    [Fact]
    public void Day_and_month_are_swapped_only_when_both_are_12_or_less()
    {
        var run = Run(SynthErrorRates.None with { DayMonthSwap = 1 });
        var truth = run.Truth();
        var swapped = 0;
        foreach (var (department, recordId, dob, _, _) in run.NameAndBirthRecords())
        {
            var born = run.Person(truth[(department, recordId)]).DateOfBirth;
            var recorded = DateOnly.ParseExact(dob!, "yyyy-MM-dd");
            if (born.Day <= 12 && born.Day != born.Month)
            {
                // Rate 1: every date that can be swapped is.
                Assert.Equal(new DateOnly(born.Year, born.Day, born.Month), recorded);
                swapped++;
            }
            else
            {
                Assert.Equal(born, recorded);
            }
        }

        Assert.True(swapped > 100);
        Assert.Equal(swapped, run.Summary.Errors[SynthErrorKind.DayMonthSwap]);
    }

    [Fact]
    public void Nicknames_come_from_the_nickname_table()
    {
        var run = Run(SynthErrorRates.None with { Nickname = 1 });
        var truth = run.Truth();
        var nicknamed = 0;
        foreach (var (department, recordId, _, given, _) in run.NameAndBirthRecords())
        {
            var formal = run.Person(truth[(department, recordId)]).GivenName;
            var forms = Nicknames.For(formal).ToArray();
            if (forms.Length == 0)
            {
                Assert.Equal(formal.ToUpperInvariant(), given.ToUpperInvariant());
            }
            else
            {
                Assert.Contains(given.ToUpperInvariant(), forms.Select(f => f.ToUpperInvariant()));
                nicknamed++;
            }
        }

        Assert.True(nicknamed > 100);
        Assert.Equal(nicknamed, run.Summary.Errors[SynthErrorKind.Nickname]);
    }

    [Fact]
    public void Typos_change_one_name_by_one_keyboard_slip()
    {
        var run = Run(SynthErrorRates.None with { Typo = 1 });
        var truth = run.Truth();
        var slipped = 0;
        foreach (var (department, recordId, _, given, family) in run.NameAndBirthRecords())
        {
            var person = run.Person(truth[(department, recordId)]);
            var givenEdits = Edits.Distance(person.GivenName.ToUpperInvariant(), given.ToUpperInvariant());
            var familyEdits = Edits.Distance(Truncate(person.FamilyName, 30).ToUpperInvariant(), family.ToUpperInvariant());
            Assert.InRange(givenEdits + familyEdits, 0, 1);
            slipped += givenEdits + familyEdits;
        }

        Assert.True(slipped > 1000);
        Assert.Equal(slipped, run.Summary.Errors[SynthErrorKind.Typo]);
    }

    [Fact]
    public void Missing_fields_blank_exactly_one_field_per_record()
    {
        var run = Run(SynthErrorRates.None with { MissingField = 1 }, SynthDepartment.Hmrc);
        var truth = run.Truth();
        var rows = run.Hmrc();
        foreach (var row in rows)
        {
            var person = run.Person(truth[("hmrc", row["TAXPAYER_REF"])]);
            var blanks = new[] { "NINO", "POSTCODE", "DOB", "ADDR1" }.Count(c => row[c].Length == 0)
                + (person.MiddleName is not null && !row["FORENAMES"].Contains(' ') ? 1 : 0);
            Assert.Equal(1, blanks);
        }

        Assert.Equal(rows.Count, run.Summary.Errors[SynthErrorKind.MissingField]);
    }

    [Fact]
    public void Stale_records_keep_the_previous_address_and_the_name_before_marriage()
    {
        var run = Run(SynthErrorRates.None with { StaleAddress = 1, StaleName = 1 }, SynthDepartment.Hmrc);
        var truth = run.Truth();
        int staleAddresses = 0, staleNames = 0;
        foreach (var row in run.Hmrc())
        {
            var person = run.Person(truth[("hmrc", row["TAXPAYER_REF"])]);
            var expectedAddress = person.PreviousAddress ?? person.CurrentAddress;
            Assert.Equal(expectedAddress.Postcode, row["POSTCODE"]);
            staleAddresses += person.PreviousAddress is null ? 0 : 1;

            var recent = person.NameChanged > run.Options.AsOf.AddYears(-10);
            Assert.Equal((recent ? person.BirthFamilyName : person.FamilyName).ToUpperInvariant(), row["SURNAME"]);
            staleNames += recent ? 1 : 0;
        }

        Assert.True(staleAddresses > 100 && staleNames > 10);
        Assert.Equal(staleAddresses, run.Summary.Errors[SynthErrorKind.StaleAddress]);
        Assert.Equal(staleNames, run.Summary.Errors[SynthErrorKind.StaleName]);
    }

    [Fact]
    public void Duplicates_are_one_person_under_two_record_ids_in_one_department()
    {
        var run = Run(SynthErrorRates.None with { Duplicate = 0.2 });
        var truth = run.Truth();

        foreach (var department in SynthOptions.AllDepartments)
        {
            var id = SynthPaths.DepartmentId(department);
            var perPerson = truth.Where(t => t.Key.Department == id).GroupBy(t => t.Value).ToList();
            Assert.All(perPerson, g => Assert.InRange(g.Count(), 1, 2));
            Assert.Equal(run.Summary.Duplicates[department], perPerson.Count(g => g.Count() == 2));
            Assert.True(run.Summary.Duplicates[department] > 0, id);
        }
    }

    // DWP sometimes writes a postcode without its space; ingest normalises that, so it is variation, not an error.
    private static string Spaced(string postcode)
    {
        var compact = postcode.Replace(" ", "");
        return compact.Length < 5 ? postcode : compact[..^3] + " " + compact[^3..];
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

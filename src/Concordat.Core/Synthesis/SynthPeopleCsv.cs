using System.Globalization;
using System.Text;
using Concordat.Core.Synthesis.Internal;

namespace Concordat.Core.Synthesis;

/// <summary>
/// One flat UTF-8 CSV of person records for linkage work (<c>people.csv</c>): each person of the synthetic population
/// appears one to four times, as if held by several services, each copy with the staleness and errors the departments'
/// extracts get (stale address and name, typos, nicknames, day/month swaps, blanks, invalid identifiers, variations
/// of a duplicate), and a <c>personId</c> column with the truth. Depends only on the options; rows are written in
/// person order.
/// </summary>
public static class SynthPeopleCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "recordId,givenName,middleNames,familyName,dob,sex,postcode,address,town,nino,nhsNumber,email,phone,personId";

    private const int ChunkSize = 8192;

    // Copies per person: 1 (45%), 2 (30%), 3 (15%), 4 (10%); about 1.9 records a person.
    private static readonly double[] CopyOdds = [0.45, 0.30, 0.15, 0.10];

    private static readonly ErrorProfile Profile = new(
        RecordFields.Nino | RecordFields.NhsNumber | RecordFields.DateOfBirth | RecordFields.Postcode | RecordFields.AddressLine1
            | RecordFields.Phone | RecordFields.Email | RecordFields.MiddleName,
        RecordFields.Nino | RecordFields.NhsNumber | RecordFields.Postcode);

    /// <summary>Writes the CSV for <paramref name="options"/> (people, seed, extract date, error rates) to <paramref name="output"/>.</summary>
    public static Result<SynthPeopleSummary> Write(SynthOptions options, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            return Result<SynthPeopleSummary>.Failure(errors);
        }

        var plan = new SynthPlan(options);
        var recordIds = new IdPermutation(SynthPlan.RecordIdSpace, SynthRandom.Mix(plan.Population.Seed ^ 0x50454F504C45UL));
        var encoding = new UTF8Encoding(false);
        output.Write(encoding.GetBytes(Header + "\n"));
        var chunks = (options.People + ChunkSize - 1) / ChunkSize;
        var workers = Math.Max(1, options.MaxDegreeOfParallelism ?? Environment.ProcessorCount);
        var totalErrors = new long[Enum.GetValues<SynthErrorKind>().Length];
        long records = 0;
        for (var first = 0; first < chunks; first += workers * 2)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = Math.Min(workers * 2, chunks - first);
            var texts = new StringBuilder[batch];
            var works = new ChunkWork[batch];
            var counts = new long[batch];
            Parallel.For(0, batch, new ParallelOptions { MaxDegreeOfParallelism = workers }, b =>
            {
                var text = new StringBuilder(ChunkSize * 300);
                var work = new ChunkWork();
                var from = (first + b) * ChunkSize;
                var to = Math.Min(options.People, from + ChunkSize);
                counts[b] = WriteChunk(plan, recordIds, from, to, text, work);
                texts[b] = text;
                works[b] = work;
            });

            for (var b = 0; b < batch; b++)
            {
                output.Write(encoding.GetBytes(texts[b].ToString()));
                records += counts[b];
                for (var k = 0; k < totalErrors.Length; k++)
                {
                    totalErrors[k] += works[b].Errors[k];
                }
            }
        }

        return new SynthPeopleSummary(options.People, records, Enum.GetValues<SynthErrorKind>().ToDictionary(k => k, k => totalErrors[(int)k]));
    }

    private static long WriteChunk(SynthPlan plan, IdPermutation recordIds, int from, int to, StringBuilder text, ChunkWork work)
    {
        var view = new RecordView();
        long written = 0;
        for (var index = from; index < to; index++)
        {
            var person = plan.Population.CreatePerson(index);
            if (plan.Rates.Household > 0 && plan.Options.People > 1)
            {
                var household = SynthRandom.For(plan.Population.Seed, index, 150);
                if (household.Chance(plan.Rates.Household))
                {
                    var host = plan.Population.CreatePerson((index + 1 + household.Next(plan.Options.People - 1)) % plan.Options.People);
                    MoveIn(person, host, twin: household.Chance(0.2));
                    work.Count(SynthErrorKind.Household);
                }
            }

            var random = SynthRandom.For(plan.Population.Seed, index, 100);
            var copies = plan.Rates.Duplicate == 0 ? 1 : Copies(random.NextDouble());
            for (var copy = 0; copy < copies; copy++)
            {
                var copyRandom = SynthRandom.For(plan.Population.Seed, index, 101 + copy);
                var id = "R" + recordIds.Apply(((long)index * 4) + copy).ToString("D9", CultureInfo.InvariantCulture);
                view.Load(person, id);
                var (staleAddress, staleName) = ErrorInjector.ApplyStaleness(view, person, plan.AsOf, plan.Rates, ref copyRandom);
                if (staleAddress)
                {
                    work.Count(SynthErrorKind.StaleAddress);
                }

                if (staleName)
                {
                    work.Count(SynthErrorKind.StaleName);
                }

                ErrorInjector.Apply(view, plan.Rates, Profile, ref copyRandom, work);
                if (copy > 0 && copyRandom.Chance(0.5) && ErrorInjector.Vary(view, person, ref copyRandom) is { } kind)
                {
                    work.Count(kind);
                }

                Append(text, view, person.PersonId);
                written++;
            }
        }

        return written;
    }

    // The person joins the host's household: takes the host's family name and moves to the host's address (the old
    // address becomes the previous one); a twin also shares the host's date of birth. Identifiers stay the person's own.
    private static void MoveIn(SyntheticPerson person, SyntheticPerson host, bool twin)
    {
        person.FamilyName = host.FamilyName;
        person.BirthFamilyName = host.FamilyName;
        person.NameChanged = null;
        if (person.AddressCount < SyntheticPerson.MaxAddresses)
        {
            person.AddAddress(host.CurrentAddress);
        }

        if (twin)
        {
            person.DateOfBirth = host.DateOfBirth;
        }
    }

    private static int Copies(double draw)
    {
        var cumulative = 0.0;
        for (var i = 0; i < CopyOdds.Length; i++)
        {
            cumulative += CopyOdds[i];
            if (draw < cumulative)
            {
                return i + 1;
            }
        }

        return CopyOdds.Length;
    }

    private static void Append(StringBuilder text, RecordView view, string personId)
    {
        var address = string.IsNullOrEmpty(view.AddressLine2) ? view.AddressLine1 : view.AddressLine1 is null ? view.AddressLine2 : view.AddressLine1 + " " + view.AddressLine2;
        text.Append(view.RecordId).Append(',');
        Field(text, view.GivenName);
        Field(text, view.MiddleName);
        Field(text, view.FamilyName);
        text.Append(view.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
        text.Append(view.Sex).Append(',');
        Field(text, view.Postcode);
        Field(text, address);
        Field(text, view.Town);
        Field(text, view.Nino);
        Field(text, view.NhsNumber);
        Field(text, view.Email);
        Field(text, view.Phone);
        text.Append(personId).Append('\n');
    }

    private static void Field(StringBuilder text, string? value)
    {
        if (value is not null && (value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)))
        {
            text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            text.Append(value);
        }

        text.Append(',');
    }
}

namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Writes one department's records for the people of a chunk: decides who the department holds, what it last
/// heard, which errors creep in, and whether the person is held twice. One instance per chunk; not thread safe.
/// </summary>
internal abstract class DepartmentEmitter
{
    private readonly RecordView _view = new();
    private readonly RecordView _duplicate = new();
    private readonly byte[] _truthPrefix;

    /// <summary>Creates an emitter.</summary>
    protected DepartmentEmitter(SynthPlan plan, SynthDepartment department, ErrorProfile profile)
    {
        Plan = plan;
        Department = department;
        Profile = profile;
        _truthPrefix = System.Text.Encoding.ASCII.GetBytes(SynthPaths.DepartmentId(department) + ",");
    }

    /// <summary>The department.</summary>
    public SynthDepartment Department { get; }

    /// <summary>The run's plan.</summary>
    protected SynthPlan Plan { get; }

    /// <summary>Which fields this department's records can lose or get wrong.</summary>
    protected ErrorProfile Profile { get; }

    /// <summary>Letters before the nine-digit record number.</summary>
    protected abstract string RecordPrefix { get; }

    /// <summary>Writes the records (none, one or two) this department holds for <paramref name="person"/>.</summary>
    public void Emit(SyntheticPerson person, ChunkWork work)
    {
        var random = SynthRandom.For(Plan.Population.Seed, person.Index, 1 + (int)Department);
        if (!Includes(person, ref random))
        {
            return;
        }

        _view.Load(person, RecordId(person.Index, 0));
        var (staleAddress, staleName) = ErrorInjector.ApplyStaleness(_view, person, Plan.AsOf, Plan.Rates, ref random);
        if (!Accepts(_view))
        {
            return;
        }

        if (staleAddress)
        {
            work.Count(SynthErrorKind.StaleAddress);
        }

        if (staleName)
        {
            work.Count(SynthErrorKind.StaleName);
        }

        Prepare(person, _view, ref random);
        ErrorInjector.Apply(_view, Plan.Rates, Profile, ref random, work);
        var buffer = work.Data[(int)Department];
        Write(_view, buffer);
        WriteTruth(work.Truth, _view.RecordId, person.Index);
        work.Records[(int)Department]++;

        if (random.Chance(Plan.Rates.Duplicate))
        {
            _duplicate.CopyFrom(_view);
            _duplicate.RecordId = RecordId(person.Index, 1);
            var variation = ErrorInjector.Vary(_duplicate, person, ref random);
            if (!Accepts(_duplicate))
            {
                // An old address outside the council's towns would not be on its books twice.
                return;
            }

            if (variation is { } kind)
            {
                work.Count(kind);
            }

            Write(_duplicate, buffer);
            WriteTruth(work.Truth, _duplicate.RecordId, person.Index);
            work.Records[(int)Department]++;
            work.Duplicates[(int)Department]++;
        }
    }

    /// <summary>Whether the department holds the person at all (coverage), before staleness.</summary>
    protected abstract bool Includes(SyntheticPerson person, ref SynthRandom random);

    /// <summary>Whether the department keeps the record once it is known which address it holds.</summary>
    protected virtual bool Accepts(RecordView view) => true;

    /// <summary>Draws the department's own facts (employer, benefit, licence) before errors are injected.</summary>
    protected abstract void Prepare(SyntheticPerson person, RecordView view, ref SynthRandom random);

    /// <summary>Appends one record in the department's format.</summary>
    protected abstract void Write(RecordView view, ByteBuffer buffer);

    private string RecordId(int index, int copy)
    {
        var number = Plan.RecordNumber(Department, index, copy);
        var prefix = RecordPrefix;
        return string.Create(prefix.Length + 9, (prefix, number), static (span, s) =>
        {
            s.prefix.AsSpan().CopyTo(span);
            s.number.TryFormat(span[s.prefix.Length..], out _, "D9", System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    private void WriteTruth(ByteBuffer truth, string recordId, int personIndex)
    {
        truth.Write(_truthPrefix);
        truth.WriteAscii(recordId);
        truth.Write((byte)',');
        truth.Write((byte)'P');
        truth.WriteNumber(personIndex + 1, 8);
        truth.Write((byte)'\n');
    }
}

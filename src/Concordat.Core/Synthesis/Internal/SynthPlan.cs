namespace Concordat.Core.Synthesis.Internal;

/// <summary>Everything a run shares between workers, derived once from the options. Immutable and thread safe.</summary>
internal sealed class SynthPlan
{
    /// <summary>Record references are the image of (person, copy) in a space of 10^9.</summary>
    public const long RecordIdSpace = 1_000_000_000L;

    private readonly IdPermutation[] _recordIds;
    private readonly bool[] _councilTowns;

    /// <summary>Creates the plan; the options must be valid.</summary>
    public SynthPlan(SynthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Population = new SyntheticPopulation(options.Seed, options.AsOf);
        var departments = Enum.GetValues<SynthDepartment>();
        _recordIds = new IdPermutation[departments.Length];
        foreach (var department in departments)
        {
            _recordIds[(int)department] = new IdPermutation(RecordIdSpace, SynthRandom.Mix(Population.Seed ^ (0x5245434FUL + (ulong)department)));
        }

        _councilTowns = new bool[Places.Towns.Count];
        for (var i = 0; i < Places.Towns.Count; i++)
        {
            _councilTowns[i] = options.CouncilTowns.Contains(Places.Towns[i].Name, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>The options of the run.</summary>
    public SynthOptions Options { get; }

    /// <summary>The true population.</summary>
    public SyntheticPopulation Population { get; }

    /// <summary>Error rates.</summary>
    public SynthErrorRates Rates => Options.Errors;

    /// <summary>The extract date.</summary>
    public DateOnly AsOf => Options.AsOf;

    /// <summary>The department's reference number for copy <paramref name="copy"/> (0 or 1) of person <paramref name="index"/>.</summary>
    public long RecordNumber(SynthDepartment department, int index, int copy) =>
        _recordIds[(int)department].Apply(((long)index * 2) + copy);

    /// <summary>Whether the council holds residents of the town.</summary>
    public bool IsCouncilTown(int townIndex) => _councilTowns[townIndex];
}

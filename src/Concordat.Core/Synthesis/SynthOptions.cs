using Concordat.Core.Synthesis.Internal;

namespace Concordat.Core.Synthesis;

/// <summary>
/// What to generate: how many people, from which seed, for which departments, with which error rates. The same
/// options give byte-identical files on any machine, whatever the degree of parallelism.
/// </summary>
public sealed record SynthOptions
{
    /// <summary>Every department, in output order.</summary>
    public static IReadOnlyList<SynthDepartment> AllDepartments { get; } =
        [SynthDepartment.Hmrc, SynthDepartment.Dwp, SynthDepartment.Dvla, SynthDepartment.Council];

    /// <summary>People in the population, 1 to 10,000,000.</summary>
    public int People { get; init; } = 10_000;

    /// <summary>Seed of every random choice; any value.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>
    /// The extract date: ages, moves and deaths are as of this day. Fixed by default (the end of the 2025-26 tax
    /// year) rather than today, so that a seed always reproduces the same files.
    /// </summary>
    public DateOnly AsOf { get; init; } = new(2026, 3, 31);

    /// <summary>Departments to write, each at most once; by default all four.</summary>
    public IReadOnlyList<SynthDepartment> Departments { get; init; } = AllDepartments;

    /// <summary>Error rates; <see cref="SynthErrorRates.None"/> for clean data.</summary>
    public SynthErrorRates Errors { get; init; } = new();

    /// <summary>Post towns whose residents the council holds.</summary>
    public IReadOnlyList<string> CouncilTowns { get; init; } = ["Leeds", "Bradford", "Wakefield"];

    /// <summary>Worker threads; null for one per processor. Does not change the output.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>People per unit of parallel work. Does not change the output.</summary>
    internal int ChunkSize { get; init; } = 4096;

    /// <summary>Post towns the generator knows, for <see cref="CouncilTowns"/>.</summary>
    public static IReadOnlyList<string> KnownTowns { get; } = [.. Places.Towns.Select(t => t.Name)];

    /// <summary>Checks the options; returns no errors when they are usable.</summary>
    public IReadOnlyList<Error> Validate()
    {
        var errors = new List<Error>();
        if (People is < 1 or > SyntheticPopulation.MaxPeople)
        {
            errors.Add(Error.Validation("synth.people_out_of_range", $"People must be between 1 and {SyntheticPopulation.MaxPeople:N0}.", nameof(People)));
        }

        if (AsOf.Year is < 1950 or > 9000)
        {
            errors.Add(Error.Validation("synth.as_of_out_of_range", "The extract date must fall between the years 1950 and 9000.", nameof(AsOf)));
        }

        if (Departments is null || Departments.Count == 0)
        {
            errors.Add(Error.Validation("synth.no_departments", "Choose at least one department.", nameof(Departments)));
        }
        else if (Departments.Distinct().Count() != Departments.Count || Departments.Any(d => !Enum.IsDefined(d)))
        {
            errors.Add(Error.Validation("synth.departments_invalid", "Name each department at most once, from hmrc, dwp, dvla and council.", nameof(Departments)));
        }

        if (Errors is null)
        {
            errors.Add(Error.Validation("synth.rates_missing", "Error rates are required; use SynthErrorRates.None for clean data.", nameof(Errors)));
        }
        else
        {
            foreach (var (name, rate) in Errors.All())
            {
                if (!(rate >= 0 && rate <= 1))
                {
                    errors.Add(Error.Validation("synth.rate_out_of_range", $"The {name} error rate must be between 0 and 1.", name));
                }
            }
        }

        if (CouncilTowns is null || CouncilTowns.Count == 0)
        {
            errors.Add(Error.Validation("synth.council_towns_missing", "Name at least one council town.", nameof(CouncilTowns)));
        }
        else
        {
            foreach (var town in CouncilTowns)
            {
                if (!KnownTowns.Contains(town, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add(Error.Validation("synth.council_town_unknown", $"Unknown town '{town}'; use one of {string.Join(", ", KnownTowns)}.", nameof(CouncilTowns)));
                }
            }
        }

        if (MaxDegreeOfParallelism is < 1 or > 256)
        {
            errors.Add(Error.Validation("synth.parallelism_out_of_range", "Parallelism must be between 1 and 256.", nameof(MaxDegreeOfParallelism)));
        }

        if (ChunkSize < 1)
        {
            errors.Add(Error.Validation("synth.chunk_size_out_of_range", "Chunk size must be positive.", nameof(ChunkSize)));
        }

        return errors;
    }
}

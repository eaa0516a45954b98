namespace Concordat.Core.Synthesis;

/// <summary>What a generation run produced.</summary>
public sealed record SynthSummary
{
    /// <summary>People in the population.</summary>
    public required int People { get; init; }

    /// <summary>Records written per department, duplicates included.</summary>
    public required IReadOnlyDictionary<SynthDepartment, long> Records { get; init; }

    /// <summary>Duplicate records (second copies of a person within one department) per department.</summary>
    public required IReadOnlyDictionary<SynthDepartment, long> Duplicates { get; init; }

    /// <summary>Errors injected, per kind, over all departments.</summary>
    public required IReadOnlyDictionary<SynthErrorKind, long> Errors { get; init; }

    /// <summary>Relative paths of every file written, in the order written.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Bytes written to department and truth files (metadata files excluded).</summary>
    public required long BytesWritten { get; init; }

    /// <summary>Wall-clock time of the run.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Records over all departments.</summary>
    public long TotalRecords => Records.Values.Sum();
}

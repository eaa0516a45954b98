namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// The output of one chunk of people: bytes per file and counters. Produced by one worker, then handed to the
/// writer, then returned to the pool. Never touched by two threads at once.
/// </summary>
internal sealed class ChunkWork
{
    private static readonly int DepartmentCount = Enum.GetValues<SynthDepartment>().Length;
    private static readonly int ErrorKindCount = Enum.GetValues<SynthErrorKind>().Length;

    /// <summary>Data file bytes per department, indexed by <see cref="SynthDepartment"/>.</summary>
    public ByteBuffer[] Data { get; } = [.. Enumerable.Range(0, DepartmentCount).Select(_ => new ByteBuffer())];

    /// <summary>Truth file bytes.</summary>
    public ByteBuffer Truth { get; } = new();

    /// <summary>Records written per department.</summary>
    public long[] Records { get; } = new long[DepartmentCount];

    /// <summary>Duplicate records per department.</summary>
    public long[] Duplicates { get; } = new long[DepartmentCount];

    /// <summary>Errors injected per kind.</summary>
    public long[] Errors { get; } = new long[ErrorKindCount];

    /// <summary>People in the chunk.</summary>
    public int People { get; set; }

    /// <summary>Counts one injected error.</summary>
    public void Count(SynthErrorKind kind) => Errors[(int)kind]++;

    /// <summary>Empties the chunk for reuse.</summary>
    public void Reset()
    {
        foreach (var buffer in Data)
        {
            buffer.Clear();
        }

        Truth.Clear();
        Array.Clear(Records);
        Array.Clear(Duplicates);
        Array.Clear(Errors);
        People = 0;
    }
}

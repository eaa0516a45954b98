namespace Concordat.Core.Synthesis;

/// <summary>Progress of a generation run, reported after each chunk of people is written.</summary>
/// <param name="PeopleDone">People whose records are written so far.</param>
/// <param name="PeopleTotal">People in the run.</param>
/// <param name="BytesWritten">Bytes written to department and truth files so far.</param>
public readonly record struct SynthProgress(long PeopleDone, long PeopleTotal, long BytesWritten)
{
    /// <summary>Fraction done, 0 to 1.</summary>
    public double Fraction => PeopleTotal == 0 ? 1 : (double)PeopleDone / PeopleTotal;
}

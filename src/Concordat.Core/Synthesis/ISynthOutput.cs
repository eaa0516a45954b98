namespace Concordat.Core.Synthesis;

/// <summary>
/// Where <see cref="SynthGenerator"/> writes its files. The CLI implements it over a directory; tests keep the files
/// in memory. Core does no file I/O of its own.
/// </summary>
public interface ISynthOutput
{
    /// <summary>
    /// Creates (or truncates) the file at <paramref name="relativePath"/> and returns a writable stream over it. Paths
    /// use <c>/</c> separators, e.g. <c>dvla/drivers.dat</c>; the implementation creates directories as needed. The
    /// generator writes sequentially and disposes the stream when the file is complete. Called from one thread at a time.
    /// </summary>
    Stream Create(string relativePath);
}

using Concordat.Core.Synthesis;

namespace Concordat.Core.Tests.Synthesis;

/// <summary>An <see cref="ISynthOutput"/> that keeps every file in memory.</summary>
internal sealed class InMemorySynthOutput : ISynthOutput
{
    private readonly Dictionary<string, MemoryStream> _files = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Paths => _files.Keys;

    public Stream Create(string relativePath)
    {
        if (_files.ContainsKey(relativePath))
        {
            throw new InvalidOperationException($"{relativePath} created twice.");
        }

        var stream = new MemoryStream();
        _files.Add(relativePath, stream);
        return stream;
    }

    /// <summary>The bytes of a file; MemoryStream.ToArray works after the generator disposed it.</summary>
    public byte[] Bytes(string relativePath) => _files[relativePath].ToArray();
}

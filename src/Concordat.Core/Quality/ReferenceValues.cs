using Concordat.Core.Quality.Internal;

namespace Concordat.Core.Quality;

/// <summary>
/// The set of values of another dataset's field that a referential rule looks values up in, held as 64-bit hashes
/// (8 bytes a value, however long the values are). Not thread safe while being filled; safe to read afterwards.
/// </summary>
public sealed class ReferenceValues
{
    private readonly HashSet<ulong> _hashes = [];

    /// <summary>Adds a value; null and blank values are ignored.</summary>
    public void Add(string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            _hashes.Add(ValueHash.Of(value));
        }
    }

    /// <summary>Distinct values held.</summary>
    public int Count => _hashes.Count;

    internal IReadOnlySet<ulong> Hashes => _hashes;
}

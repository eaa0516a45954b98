using System.Numerics;

namespace Concordat.Storage.Postgres;

/// <summary>
/// A Bloom filter of the record keys a first load has applied: "not seen" is certain, "maybe seen" is not. It lets a
/// first load copy a batch's new keys straight into the versions table, which a key already applied would make fail,
/// and send only the few keys it cannot rule out through the staging table that detects duplicates. Fixed size (4 MiB),
/// so memory stays flat however many rows a run has; as it fills, more keys are "maybe seen" and take the slower path,
/// which is always correct. Not thread safe.
/// </summary>
internal sealed class KeyFilter
{
    private const int Bits = 1 << 25;
    private const int Probes = 7;
    private readonly ulong[] _words = new ulong[Bits / 64];

    /// <summary>True when <paramref name="key"/> may have been added; false when it certainly was not.</summary>
    public bool MayContain(string key)
    {
        var (h1, h2) = Hash(key);
        for (var i = 0; i < Probes; i++)
        {
            var bit = (int)((h1 + ((ulong)i * h2)) & (Bits - 1));
            if ((_words[bit >> 6] & (1UL << (bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds a key.</summary>
    public void Add(string key)
    {
        var (h1, h2) = Hash(key);
        for (var i = 0; i < Probes; i++)
        {
            var bit = (int)((h1 + ((ulong)i * h2)) & (Bits - 1));
            _words[bit >> 6] |= 1UL << (bit & 63);
        }
    }

    // FNV-1a over the UTF-16 code units, then a SplitMix64 finaliser for the second hash of the double-hashing scheme.
    private static (ulong, ulong) Hash(string key)
    {
        var h = 14695981039346656037UL;
        foreach (var c in key)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        var z = h + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (h ^ (h >> 29), BitOperations.RotateLeft(z, 17) | 1);
    }
}

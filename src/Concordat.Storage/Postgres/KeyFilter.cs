using System.Numerics;

namespace Concordat.Storage.Postgres;

/// <summary>
/// A Bloom filter of the record keys a first load has applied: "not seen" is certain, "maybe seen" is not. It lets a
/// first load copy a batch's new keys straight into the versions table, which a key already applied would make fail,
/// and send only the few keys it cannot rule out through the staging table that detects duplicates. Fixed size (4 MiB),
/// so memory stays flat however many rows a run has; as it fills, more keys are "maybe seen" and take the slower path,
/// which is always correct. Blocked: all of a key's bits lie in one 64-byte block (one cache line), so a key costs one
/// cache miss rather than one per probe, which measured about a microsecond a row on a million new keys. Not thread safe.
/// </summary>
internal sealed class KeyFilter
{
    private const int Blocks = 1 << 16;
    private const int WordsPerBlock = 8;
    private const int Probes = 8;
    private readonly ulong[] _words = new ulong[Blocks * WordsPerBlock];

    /// <summary>True when <paramref name="key"/> may have been added; false when it certainly was not.</summary>
    public bool MayContain(string key)
    {
        var (block, bits) = Locate(key);
        for (var i = 0; i < Probes; i++)
        {
            var bit = (int)((bits >> (i * 8)) & 0x1FF);
            if ((_words[block + (bit >> 6)] & (1UL << (bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds a key.</summary>
    public void Add(string key) => TryAdd(key);

    /// <summary>
    /// Adds a key and tells whether it was certainly new: false when it may have been added before (its bits were all
    /// set already), true when it certainly was not. One pass over the key's block.
    /// </summary>
    public bool TryAdd(string key)
    {
        var (block, bits) = Locate(key);
        var fresh = false;
        for (var i = 0; i < Probes; i++)
        {
            var bit = (int)((bits >> (i * 8)) & 0x1FF);
            ref var word = ref _words[block + (bit >> 6)];
            var mask = 1UL << (bit & 63);
            fresh |= (word & mask) == 0;
            word |= mask;
        }

        return fresh;
    }

    // FNV-1a over the UTF-16 code units, then a SplitMix64 finaliser: its low 16 bits choose the block, and eight
    // overlapping 9-bit windows of a rotation of it choose the bits within the block's 512.
    private static (int Block, ulong Bits) Locate(string key)
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
        var block = (int)(z & (Blocks - 1)) * WordsPerBlock;
        return (block, BitOperations.RotateRight(z, 16) ^ (h >> 7));
    }
}

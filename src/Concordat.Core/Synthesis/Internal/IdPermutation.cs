namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// A keyed pseudo-random permutation of [0, <see cref="Domain"/>): a balanced Feistel network over the smallest
/// even number of bits that covers the domain, with cycle walking to stay inside it. Synthetic identifiers (NINO,
/// NHS number, UPRN, record references) are the image of a person's index, so they are unique by construction and
/// do not depend on which thread generated the person. Immutable and thread safe.
/// </summary>
internal readonly struct IdPermutation
{
    private const int Rounds = 4;
    private readonly ulong _key;
    private readonly int _halfBits;
    private readonly ulong _halfMask;

    /// <summary>Creates the permutation of [0, <paramref name="domain"/>) for a key.</summary>
    public IdPermutation(long domain, ulong key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(domain, 2);
        Domain = domain;
        _key = key;
        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(domain - 1));
        _halfBits = (bits + 1) / 2;
        _halfMask = (1UL << _halfBits) - 1;
    }

    /// <summary>Size of the domain and range.</summary>
    public long Domain { get; }

    /// <summary>The image of <paramref name="value"/>, which must lie in [0, <see cref="Domain"/>).</summary>
    public long Apply(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, Domain);
        var x = (ulong)value;
        do
        {
            x = Encrypt(x);
        }
        while (x >= (ulong)Domain);

        return (long)x;
    }

    private ulong Encrypt(ulong x)
    {
        var left = x >> _halfBits;
        var right = x & _halfMask;
        for (var round = 0; round < Rounds; round++)
        {
            var f = SynthRandom.Mix(right ^ (_key + ((ulong)round * 0x9E3779B97F4A7C15UL))) & _halfMask;
            (left, right) = (right, left ^ f);
        }

        return (left << _halfBits) | right;
    }
}

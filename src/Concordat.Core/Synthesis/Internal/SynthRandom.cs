namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// xoshiro256** pseudo-random generator (Blackman and Vigna, 2018), seeded through SplitMix64. A mutable value
/// type: pass it by <c>ref</c>. Not cryptographic; chosen because it is fast, has a 2^256 period and gives the same
/// sequence on every platform and runtime, which <see cref="Random"/> does not promise across .NET versions.
/// </summary>
internal struct SynthRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    public SynthRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>
    /// The independent stream for one person and one purpose. Deriving a stream per (seed, person, purpose), rather
    /// than sharing one generator, makes output independent of chunking and thread scheduling, and keeps one
    /// department's records unchanged when another department is switched off.
    /// </summary>
    public static SynthRandom For(ulong seed, long person, int stream)
    {
        var h = Mix(seed ^ 0x6A09E667F3BCC909UL);
        h = Mix(h ^ ((ulong)person * 0x9E3779B97F4A7C15UL));
        h = Mix(h ^ ((ulong)(uint)stream * 0xD1B54A32D192ED03UL));
        return new SynthRandom(h);
    }

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mixer.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>); the multiply-shift bias is below 2^-32.</summary>
    public int Next(int maxExclusive)
    {
        var high = Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);
        return (int)high;
    }

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxInclusive"/>].</summary>
    public int Between(int minInclusive, int maxInclusive) => minInclusive + Next(maxInclusive - minInclusive + 1);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="probability"/>; always draws, so the stream advances the same way whatever the rate.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

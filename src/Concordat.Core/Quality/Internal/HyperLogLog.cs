using System.Numerics;

namespace Concordat.Core.Quality.Internal;

/// <summary>
/// HyperLogLog distinct-count sketch (Flajolet et al. 2007) over 64-bit hashes with 2^14 one-byte registers
/// (16 KiB). The relative standard error is 1.04 / sqrt(2^14), about 0.8 %; small cardinalities use linear counting.
/// Not thread safe.
/// </summary>
internal sealed class HyperLogLog
{
    /// <summary>Index bits: 2^14 registers.</summary>
    public const int Precision = 14;

    private const int RegisterCount = 1 << Precision;
    private readonly byte[] _registers = new byte[RegisterCount];

    /// <summary>The relative standard error of <see cref="Estimate"/>.</summary>
    public static double StandardError { get; } = 1.04 / Math.Sqrt(RegisterCount);

    /// <summary>Adds one hashed value.</summary>
    public void Add(ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));

        // Rank: position of the first 1 bit in the remaining 50 bits, counting from 1; a sentinel bit caps it at 51.
        var rest = (hash << Precision) | (1UL << (Precision - 1));
        var rank = (byte)(BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > _registers[index])
        {
            _registers[index] = rank;
        }
    }

    /// <summary>The estimated number of distinct hashes added.</summary>
    public long Estimate()
    {
        double sum = 0;
        var zeros = 0;
        foreach (var register in _registers)
        {
            sum += Math.ScaleB(1.0, -register);
            if (register == 0)
            {
                zeros++;
            }
        }

        const double m = RegisterCount;
        var alpha = 0.7213 / (1 + (1.079 / m));
        var raw = alpha * m * m / sum;
        if (raw <= 2.5 * m && zeros > 0)
        {
            // Linear counting is far more accurate while many registers are still empty.
            raw = m * Math.Log(m / zeros);
        }

        return (long)Math.Round(raw);
    }
}

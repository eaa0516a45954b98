using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Concordat.Core.Quality.Internal;

/// <summary>A fixed-seed 64-bit hash of text (XXH3), stable across processes so sketches could be merged later.</summary>
internal static class ValueHash
{
    public static ulong Of(ReadOnlySpan<char> text) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text));
}

namespace Concordat.Core.Quality.Internal;

/// <summary>
/// The shape of a value: upper-case letters become <c>A</c>, lower-case letters <c>a</c>, digits <c>9</c>, and every
/// other character stays itself, so a NINO has the pattern <c>AA999999A</c> and a postcode <c>AA9A 9AA</c>.
/// Patterns longer than <see cref="MaxLength"/> are cut and end with <c>…</c>. Pattern strings are cached, so a
/// column with few shapes allocates almost nothing. One instance per field; not thread safe.
/// </summary>
internal sealed class ValuePattern
{
    public const int MaxLength = 40;
    private const int CacheLimit = 4096;
    private readonly Dictionary<ulong, string> _cache = [];

    public string Of(string value) => Of(value, out _);

    /// <summary>The pattern of <paramref name="value"/> and the pattern's <see cref="ValueHash"/>.</summary>
    public string Of(string value, out ulong hash)
    {
        Span<char> buffer = stackalloc char[MaxLength + 1];
        var length = Math.Min(value.Length, MaxLength);
        for (var i = 0; i < length; i++)
        {
            var c = value[i];
            buffer[i] = c switch
            {
                >= 'A' and <= 'Z' => 'A',
                >= 'a' and <= 'z' => 'a',
                >= '0' and <= '9' => '9',
                _ when char.IsUpper(c) => 'A',
                _ when char.IsLower(c) => 'a',
                _ when char.IsDigit(c) => '9',
                _ => c,
            };
        }

        if (value.Length > MaxLength)
        {
            buffer[length++] = '…';
        }

        var shape = buffer[..length];
        hash = ValueHash.Of(shape);
        if (_cache.TryGetValue(hash, out var cached) && shape.SequenceEqual(cached))
        {
            return cached;
        }

        var text = new string(shape);
        if (_cache.Count < CacheLimit)
        {
            _cache[hash] = text;
        }

        return text;
    }
}

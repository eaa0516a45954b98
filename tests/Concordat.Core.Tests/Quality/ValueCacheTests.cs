using System.Text;
using Concordat.Core.Quality.Internal;
using CsCheck;

namespace Concordat.Core.Tests.Quality;

public sealed class ValueCacheTests
{
    [Fact]
    public void Repeated_values_reuse_one_string()
    {
        var cache = new ValueCache();
        var first = cache.Decode("Leeds"u8);
        var second = cache.Decode("Leeds"u8);

        Assert.Equal("Leeds", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Decoding_always_gives_the_value_whatever_the_cache_does() =>
        Gen.String[0, 80].Array[1, 6000].Sample(values =>
        {
            var cache = new ValueCache();
            foreach (var value in values.Concat(values))
            {
                var utf8 = Encoding.UTF8.GetBytes(value);
                Assert.Equal(Encoding.UTF8.GetString(utf8), cache.Decode(utf8));
            }
        }, iter: 20);
}

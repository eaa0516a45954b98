using Concordat.Core.Quality.Internal;
using CsCheck;

namespace Concordat.Core.Tests.Quality;

public sealed class SketchProperties
{
    [Fact]
    public void HyperLogLog_estimate_is_within_five_standard_errors() =>
        Gen.Int[1, 200_000].Select(Gen.ULong).Sample((n, seed) =>
        {
            var sketch = new HyperLogLog();
            var state = seed;
            for (var i = 0; i < n; i++)
            {
                // splitmix64: n distinct, well-mixed 64-bit values.
                state += 0x9E3779B97F4A7C15UL;
                var z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                sketch.Add(z ^ (z >> 31));
            }

            var error = Math.Abs(sketch.Estimate() - n) / (double)n;
            Assert.True(error <= 5 * HyperLogLog.StandardError, $"n={n} estimate={sketch.Estimate()} error={error:P2}");
        }, iter: 40);

    [Fact]
    public void HyperLogLog_ignores_repeats()
    {
        var sketch = new HyperLogLog();
        for (var round = 0; round < 10; round++)
        {
            for (var i = 0; i < 1000; i++)
            {
                sketch.Add(ValueHash.Of("value" + i));
            }
        }

        Assert.InRange(sketch.Estimate(), 990, 1010);
    }

    [Fact]
    public void DistinctCounter_is_exact_up_to_its_limit_then_estimates() =>
        Gen.Int[0, 3000].Sample(n =>
        {
            var counter = new DistinctCounter(exactLimit: 1000);
            for (var i = 0; i < n; i++)
            {
                counter.Add(ValueHash.Of("v" + i));
                counter.Add(ValueHash.Of("v" + (i / 2)));
            }

            if (n <= 1000)
            {
                Assert.True(counter.IsExact);
                Assert.Equal(n, counter.Count);
            }
            else
            {
                Assert.False(counter.IsExact);
                Assert.InRange(counter.Count, n * 0.95, n * 1.05);
            }
        }, iter: 60);

    [Fact]
    public void SpaceSaving_bounds_hold_for_skewed_streams() =>
        Gen.Select(Gen.Int[1, 60], Gen.Int[1, 5000], Gen.Int[1, 400], Gen.Int).Sample((capacity, length, alphabet, seed) =>
        {
            var sketch = new SpaceSaving(capacity);
            var truth = new Dictionary<string, long>();
            var random = new Random(seed);
            for (var i = 0; i < length; i++)
            {
                // Zipf-like: small numbers are far more frequent.
                var item = "i" + (int)(alphabet * Math.Pow(random.NextDouble(), 3));
                sketch.Add(item);
                truth[item] = truth.GetValueOrDefault(item) + 1;
            }

            var bound = (double)length / capacity;
            var tracked = sketch.Top(capacity);
            foreach (var (item, count, error) in tracked)
            {
                var actual = truth[item];
                Assert.True(count - error <= actual && actual <= count, $"{item}: true {actual}, estimate {count}, error {error}");
                Assert.True(error <= bound, $"error {error} above N/m {bound}");
            }

            foreach (var (item, actual) in truth)
            {
                if (actual > bound)
                {
                    Assert.Contains(tracked, t => t.Item == item);
                }
            }

            Assert.Equal(length, sketch.Total);
        });

    [Fact]
    public void SpaceSaving_is_exact_when_it_has_room_for_every_item()
    {
        var sketch = new SpaceSaving(10);
        foreach (var item in "aaabbc".Select(c => c.ToString()))
        {
            sketch.Add(item);
        }

        Assert.Equal([("a", 3L, 0L), ("b", 2L, 0L), ("c", 1L, 0L)], sketch.Top(5));
    }

    [Theory]
    [InlineData("AB123456C", "AA999999A")]
    [InlineData("SW1A 1AA", "AA9A 9AA")]
    [InlineData("O'Brien", "A'Aaaaa")]
    [InlineData("Zoë", "Aaa")]
    [InlineData("", "")]
    public void Pattern_maps_letters_and_digits_to_classes(string value, string expected) =>
        Assert.Equal(expected, new ValuePattern().Of(value));

    [Fact]
    public void Long_pattern_is_cut_with_an_ellipsis()
    {
        var pattern = new ValuePattern().Of(new string('x', 100));
        Assert.Equal(ValuePattern.MaxLength + 1, pattern.Length);
        Assert.EndsWith("…", pattern, StringComparison.Ordinal);
    }
}

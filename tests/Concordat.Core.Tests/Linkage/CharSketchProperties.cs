using Concordat.Core.Linkage;
using Concordat.Core.Linkage.Internal;
using CsCheck;

namespace Concordat.Core.Tests.Linkage;

public sealed class CharSketchProperties
{
    private static readonly Gen<string> Text = Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789-'@.é"], 0, 24];

    [Fact]
    public void Sketch_distance_is_at_most_twice_the_edit_distance()
    {
        Gen.Select(Text, Text).Sample((a, b) =>
        {
            var distance = CharSketch.Distance(CharSketch.Of(a), CharSketch.Of(b));
            Assert.True(distance <= 2 * StringSimilarity.DamerauLevenshtein(a, b), $"{a} / {b}: sketch {distance}");
            Assert.True(distance <= 2 * StringSimilarity.Levenshtein(a, b));
        }, iter: 20_000);
    }

    [Fact]
    public void Sketch_distance_still_bounds_edits_when_a_bucket_saturates()
    {
        Gen.Select(Gen.Int[250, 320], Gen.Int[0, 3], Text).Sample((repeat, edits, tail) =>
        {
            var a = new string('A', repeat) + tail;
            var b = new string('A', repeat + edits) + tail;
            Assert.True(CharSketch.Distance(CharSketch.Of(a), CharSketch.Of(b)) <= 2 * edits);
        }, iter: 2_000);
    }

    [Fact]
    public void Sketch_jaro_bound_is_never_below_jaro()
    {
        Gen.Select(Text, Text).Sample((a, b) =>
        {
            var sa = CharSketch.Of(a);
            var sb = CharSketch.Of(b);
            var bound = CharSketch.JaroUpperBound(sa, sb, CharSketch.Size(sa), CharSketch.Size(sb));
            Assert.True(bound + 1e-12 >= StringSimilarity.Jaro(a, b), $"{a} / {b}: bound {bound}, jaro {StringSimilarity.Jaro(a, b)}");
        }, iter: 20_000);
    }

    [Fact]
    public void Known_pairs_are_refuted_or_kept_as_the_measures_say()
    {
        // NINOs a random pair apart are refuted by the sketch alone; one keying slip never is.
        Assert.True(CharSketch.Distance(CharSketch.Of("AB123456C"), CharSketch.Of("ZX987650D")) > 2);
        Assert.True(CharSketch.Distance(CharSketch.Of("AB123456C"), CharSketch.Of("AB123465C")) <= 2);
        Assert.True(CharSketch.Distance(CharSketch.Of("AB123456C"), CharSketch.Of("AB123457C")) <= 2);
    }
}

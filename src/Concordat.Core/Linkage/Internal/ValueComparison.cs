namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// A comparison compiled once to decide the level of two values given as <see cref="ValueFeatures"/> rather than as
/// ids of one encoded column, for a query compared against held records. Its levels hold exactly when those of
/// <see cref="CompiledComparison"/> do for the same two standardised values (the same tests, bounds and order).
/// Immutable; safe on many threads.
/// </summary>
internal sealed class ValueComparison
{
    private readonly ComparisonLevelSettings[] _levels;
    private readonly bool _dates;

    public ValueComparison(ComparisonSettings settings, ColumnRole role)
    {
        Settings = settings;
        _levels = [.. settings.Levels.Where(l => l.Type != ComparisonLevelKind.Null)];
        _dates = role == ColumnRole.DateOfBirth;
        TfLevel = Array.FindIndex(_levels, l => l.Tf) is var tf and >= 0 ? tf + 1 : -1;
        EqualLevel = (byte)(Array.FindIndex(_levels, l => l.Type != ComparisonLevelKind.DateDayMonthSwap) is var eq and >= 0 ? eq + 1 : _levels.Length + 1);
        Kinds = _levels.Select(l => l.Type).ToHashSet();
    }

    public ComparisonSettings Settings { get; }

    /// <summary>The level kinds this comparison tests, so values carry only the codes it reads.</summary>
    public IReadOnlySet<ComparisonLevelKind> Kinds { get; }

    public byte EqualLevel { get; }

    /// <summary>The level whose weight is term-frequency adjusted, or -1.</summary>
    public int TfLevel { get; }

    /// <summary>Levels including null (0) and else (last).</summary>
    public int LevelCount => _levels.Length + 2;

    /// <summary>Label of level <paramref name="level"/>.</summary>
    public string LevelLabel(int level) => level == 0 ? "null" : level == LevelCount - 1 ? "else" : _levels[level - 1].Label;

    /// <summary>The level of two values (null for missing).</summary>
    public byte Level(ValueFeatures? a, ValueFeatures? b)
    {
        if (a is null || b is null)
        {
            return 0;
        }

        if (string.Equals(a.Value, b.Value, StringComparison.Ordinal))
        {
            return EqualLevel;
        }

        var cache = new Cache { JaroWinkler = double.NaN, Jaro = double.NaN, JaroBound = double.NaN, Jaccard = double.NaN };
        for (var i = 0; i < _levels.Length; i++)
        {
            if (Test(_levels[i], a, b, ref cache))
            {
                return (byte)(i + 1);
            }
        }

        return (byte)(_levels.Length + 1);
    }

    // The values differ here (equal values were decided above).
    private bool Test(ComparisonLevelSettings level, ValueFeatures a, ValueFeatures b, ref Cache cache)
    {
        switch (level.Type)
        {
            case ComparisonLevelKind.Exact:
                return false;
            case ComparisonLevelKind.JaroWinkler:
                if (double.IsNaN(cache.JaroWinkler))
                {
                    var bound = JaroBound(a, b, ref cache);
                    if (bound + (0.4 * (1 - bound)) < level.Threshold)
                    {
                        return false;
                    }

                    cache.JaroWinkler = StringSimilarity.JaroWinkler(a.Value, b.Value);
                }

                return cache.JaroWinkler >= level.Threshold;
            case ComparisonLevelKind.Jaro:
                if (double.IsNaN(cache.Jaro))
                {
                    if (JaroBound(a, b, ref cache) < level.Threshold)
                    {
                        return false;
                    }

                    cache.Jaro = StringSimilarity.Jaro(a.Value, b.Value);
                }

                return cache.Jaro >= level.Threshold;
            case ComparisonLevelKind.Levenshtein:
                return CharSketch.Distance(a.Sketch, b.Sketch) <= 2 * level.MaxDistance!.Value
                    && StringSimilarity.LevenshteinAtMost(a.Value, b.Value, level.MaxDistance!.Value);
            case ComparisonLevelKind.DamerauLevenshtein:
                return CharSketch.Distance(a.Sketch, b.Sketch) <= 2 * level.MaxDistance!.Value
                    && StringSimilarity.DamerauLevenshteinAtMost(a.Value, b.Value, level.MaxDistance!.Value);
            case ComparisonLevelKind.Jaccard:
                if (double.IsNaN(cache.Jaccard))
                {
                    cache.Jaccard = StringSimilarity.Jaccard(a.Bigrams, b.Bigrams);
                }

                return cache.Jaccard >= level.Threshold;
            case ComparisonLevelKind.Soundex:
                return Same(a.Soundex, b.Soundex);
            case ComparisonLevelKind.DoubleMetaphone:
                return Metaphones(a, b);
            case ComparisonLevelKind.Nickname:
                return Intersects(a.Forms, b.Forms);
            case ComparisonLevelKind.Initials:
                return CompiledComparison.SameInitials(a.Value, b.Value);
            case ComparisonLevelKind.DateDayMonthSwap:
                return _dates && CompiledComparison.Swapped(a.Value, b.Value);
            case ComparisonLevelKind.DateWithinDays:
                return _dates && Math.Abs((long)a.Day - b.Day) <= level.Days;
            case ComparisonLevelKind.DateWithinYears:
                return _dates && Math.Abs((long)a.Day - b.Day) <= level.Years * 365.25;
            case ComparisonLevelKind.PostcodeSector:
                return Same(a.Sector, b.Sector);
            case ComparisonLevelKind.PostcodeDistrict:
                return Same(a.District, b.District);
            case ComparisonLevelKind.PostcodeArea:
                return Same(a.Area, b.Area);
            default:
                return false;
        }
    }

    // A derived code agrees when it exists on both sides and is the same.
    private static bool Same(string? a, string? b) => !string.IsNullOrEmpty(a) && string.Equals(a, b, StringComparison.Ordinal);

    private static double JaroBound(ValueFeatures a, ValueFeatures b, ref Cache cache)
    {
        if (double.IsNaN(cache.JaroBound))
        {
            if (CharSketch.Saturated(a.Sketch) || CharSketch.Saturated(b.Sketch))
            {
                cache.JaroBound = StringSimilarity.JaroUpperBound(a.Value, b.Value);
            }
            else
            {
                var bound = CharSketch.JaroUpperBound(a.Sketch, b.Sketch, CharSketch.Size(a.Sketch), CharSketch.Size(b.Sketch));
                cache.JaroBound = bound < 0.7 ? bound : Math.Min(bound, StringSimilarity.JaroUpperBound(a.Value, b.Value));
            }
        }

        return cache.JaroBound;
    }

    // Primary and alternate codes are compared across, as in a run; a missing primary never agrees.
    private static bool Metaphones(ValueFeatures a, ValueFeatures b)
    {
        if (a.MetaphonePrimary.Length == 0 || b.MetaphonePrimary.Length == 0)
        {
            return false;
        }

        return a.MetaphonePrimary == b.MetaphonePrimary
            || a.MetaphonePrimary == b.MetaphoneAlternate
            || a.MetaphoneAlternate == b.MetaphonePrimary
            || (a.MetaphoneAlternate.Length > 0 && a.MetaphoneAlternate == b.MetaphoneAlternate);
    }

    private static bool Intersects(string[] a, string[] b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var order = string.CompareOrdinal(a[i], b[j]);
            if (order == 0)
            {
                return true;
            }

            if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }

    private struct Cache
    {
        public double JaroWinkler;
        public double Jaro;
        public double JaroBound;
        public double Jaccard;
    }
}

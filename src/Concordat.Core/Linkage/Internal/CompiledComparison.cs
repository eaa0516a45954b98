namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// A comparison bound to its encoded column: decides the level of a pair of rows. Level 0 is null (a value missing),
/// levels 1..N are the settings' levels in order, N+1 is "else". Immutable; safe on many threads.
/// </summary>
internal sealed class CompiledComparison
{
    private readonly ComparisonLevelSettings[] _levels;
    private readonly int[] _ids;
    private readonly ValueDictionary _values;
    private readonly int[]? _soundex;
    private readonly int[]? _metaphonePrimary;
    private readonly int[]? _metaphoneAlternate;
    private readonly int[][]? _nicknames;
    private readonly int[]? _days;
    private readonly int[]? _sector;
    private readonly int[]? _district;
    private readonly int[]? _area;
    private readonly int[]? _grams;
    private readonly int[]? _gramOffsets;
    private readonly ulong[]? _sketches;

    public CompiledComparison(ComparisonSettings settings, EncodedColumn column)
    {
        Settings = settings;
        Column = column;
        _levels = [.. settings.Levels.Where(l => l.Type != ComparisonLevelKind.Null)];
        _ids = column.Ids;
        _values = column.Values;
        var kinds = _levels.Select(l => l.Type).ToHashSet();
        _soundex = kinds.Contains(ComparisonLevelKind.Soundex) ? column.Derived(DerivedKey.Soundex) : null;
        if (kinds.Contains(ComparisonLevelKind.DoubleMetaphone))
        {
            (_metaphonePrimary, _metaphoneAlternate) = column.Metaphones;
        }

        _nicknames = kinds.Contains(ComparisonLevelKind.Nickname) ? column.Nicknames : null;
        if (kinds.Overlaps([ComparisonLevelKind.DateDayMonthSwap, ComparisonLevelKind.DateWithinDays, ComparisonLevelKind.DateWithinYears]))
        {
            _days = column.Role == ColumnRole.DateOfBirth ? column.Days : null;
        }

        _sector = kinds.Contains(ComparisonLevelKind.PostcodeSector) ? column.Derived(DerivedKey.Sector) : null;
        _district = kinds.Contains(ComparisonLevelKind.PostcodeDistrict) ? column.Derived(DerivedKey.District) : null;
        _area = kinds.Contains(ComparisonLevelKind.PostcodeArea) ? column.Derived(DerivedKey.Area) : null;
        if (kinds.Contains(ComparisonLevelKind.Jaccard))
        {
            (_grams, _gramOffsets) = column.Bigrams;
        }
        _sketches = kinds.Overlaps([ComparisonLevelKind.Jaro, ComparisonLevelKind.JaroWinkler, ComparisonLevelKind.Levenshtein, ComparisonLevelKind.DamerauLevenshtein])
            ? column.Sketches
            : null;
        TfLevel = Array.FindIndex(_levels, l => l.Tf) is var tf and >= 0 ? tf + 1 : -1;
        EqualLevel = (byte)(Array.FindIndex(_levels, l => l.Type != ComparisonLevelKind.DateDayMonthSwap) is var eq and >= 0 ? eq + 1 : _levels.Length + 1);
    }

    public ComparisonSettings Settings { get; }

    public EncodedColumn Column { get; }

    /// <summary>
    /// A rough relative cost of deciding a pair's level, for ordering comparisons cheapest first: an int comparison
    /// or code look-up costs 1, an edit distance 4, a Jaro or Jaccard similarity 8.
    /// </summary>
    public int Cost => _levels.Sum(l => l.Type switch
    {
        ComparisonLevelKind.Jaro or ComparisonLevelKind.JaroWinkler or ComparisonLevelKind.Jaccard => 8,
        ComparisonLevelKind.Levenshtein or ComparisonLevelKind.DamerauLevenshtein => 4,
        ComparisonLevelKind.Initials or ComparisonLevelKind.Nickname or ComparisonLevelKind.DateDayMonthSwap => 2,
        _ => 1,
    });

    /// <summary>The level of a pair whose two values are equal (both present): the first level that holds for equal values.</summary>
    public byte EqualLevel { get; }

    /// <summary>Value ids per row (-1 missing), for the scorer's quick test of equal or missing values.</summary>
    public int[] Ids => _ids;

    /// <summary>Whether a level can hold for two different values (an exact level cannot).</summary>
    public bool CanHoldUnequal(int level) => level == LevelCount - 1 || _levels[level - 1].Type != ComparisonLevelKind.Exact;

    /// <summary>The level of the settings' first exact level, or -1.</summary>
    public int ExactLevel => Array.FindIndex(_levels, l => l.Type == ComparisonLevelKind.Exact) is var i and >= 0 ? i + 1 : -1;

    /// <summary>Levels including null (0) and else (last).</summary>
    public int LevelCount => _levels.Length + 2;

    /// <summary>The level whose weight is term-frequency adjusted, or -1.</summary>
    public int TfLevel { get; }

    /// <summary>Label of level <paramref name="level"/>.</summary>
    public string LevelLabel(int level) => level == 0 ? "null" : level == LevelCount - 1 ? "else" : _levels[level - 1].Label;

    /// <summary>The value id of row <paramref name="row"/>, -1 when missing.</summary>
    public int ValueId(int row) => _ids[row];

    public byte Level(int left, int right)
    {
        return LevelOfValues(_ids[left], _ids[right]);
    }

    /// <summary>The level of two value ids (-1 for missing).</summary>
    public byte LevelOfValues(int a, int b)
    {
        if (a < 0 || b < 0)
        {
            return 0;
        }

        if (a == b)
        {
            return EqualLevel;
        }

        // A similarity is computed at most once per pair, however many levels test it at different thresholds.
        var cache = new SimilarityCache { JaroWinkler = double.NaN, Jaro = double.NaN, JaroBound = double.NaN, Jaccard = double.NaN };
        for (var i = 0; i < _levels.Length; i++)
        {
            if (Test(_levels[i], a, b, ref cache))
            {
                return (byte)(i + 1);
            }
        }

        return (byte)(_levels.Length + 1);
    }

    private bool Test(ComparisonLevelSettings level, int a, int b, ref SimilarityCache cache)
    {
        if (a == b)
        {
            // Every level holds for equal values, except that dates are then neither swapped nor merely close.
            return level.Type != ComparisonLevelKind.DateDayMonthSwap;
        }

        switch (level.Type)
        {
            case ComparisonLevelKind.Exact:
                return false;
            case ComparisonLevelKind.JaroWinkler:
                if (double.IsNaN(cache.JaroWinkler))
                {
                    // Jaro-Winkler adds at most 0.4 of the gap to 1 to the Jaro bound; most pairs stop at the bound.
                    var bound = JaroBound(a, b, ref cache);
                    if (bound + (0.4 * (1 - bound)) < level.Threshold)
                    {
                        return false;
                    }

                    cache.JaroWinkler = StringSimilarity.JaroWinkler(_values[a], _values[b]);
                }

                return cache.JaroWinkler >= level.Threshold;
            case ComparisonLevelKind.Jaro:
                if (double.IsNaN(cache.Jaro))
                {
                    if (JaroBound(a, b, ref cache) < level.Threshold)
                    {
                        return false;
                    }

                    cache.Jaro = StringSimilarity.Jaro(_values[a], _values[b]);
                }

                return cache.Jaro >= level.Threshold;
            case ComparisonLevelKind.Levenshtein:
                return CharSketch.Distance(_sketches![a], _sketches[b]) <= 2 * level.MaxDistance!.Value
                    && StringSimilarity.LevenshteinAtMost(_values[a], _values[b], level.MaxDistance!.Value);
            case ComparisonLevelKind.DamerauLevenshtein:
                return CharSketch.Distance(_sketches![a], _sketches[b]) <= 2 * level.MaxDistance!.Value
                    && StringSimilarity.DamerauLevenshteinAtMost(_values[a], _values[b], level.MaxDistance!.Value);
            case ComparisonLevelKind.Jaccard:
                if (double.IsNaN(cache.Jaccard))
                {
                    cache.Jaccard = StringSimilarity.Jaccard(
                        _grams.AsSpan(_gramOffsets![a], _gramOffsets[a + 1] - _gramOffsets[a]),
                        _grams.AsSpan(_gramOffsets[b], _gramOffsets[b + 1] - _gramOffsets[b]));
                }

                return cache.Jaccard >= level.Threshold;
            case ComparisonLevelKind.Soundex:
                return _soundex![a] >= 0 && _soundex[a] == _soundex[b];
            case ComparisonLevelKind.DoubleMetaphone:
                return Metaphones(a, b);
            case ComparisonLevelKind.Nickname:
                return Intersects(_nicknames![a], _nicknames[b]);
            case ComparisonLevelKind.Initials:
                return SameInitials(_values[a], _values[b]);
            case ComparisonLevelKind.DateDayMonthSwap:
                return _days is not null && Swapped(_values[a], _values[b]);
            case ComparisonLevelKind.DateWithinDays:
                return _days is not null && Math.Abs((long)_days[a] - _days[b]) <= level.Days;
            case ComparisonLevelKind.DateWithinYears:
                return _days is not null && Math.Abs((long)_days[a] - _days[b]) <= level.Years * 365.25;
            case ComparisonLevelKind.PostcodeSector:
                return _sector![a] >= 0 && _sector[a] == _sector[b];
            case ComparisonLevelKind.PostcodeDistrict:
                return _district![a] >= 0 && _district[a] == _district[b];
            case ComparisonLevelKind.PostcodeArea:
                return _area![a] >= 0 && _area[a] == _area[b];
            default:
                return false;
        }
    }

    private struct SimilarityCache
    {
        public double JaroWinkler;
        public double Jaro;
        public double JaroBound;
        public double Jaccard;
    }

    // An upper bound on Jaro: first from the sketches (no string read), then from the strings' character counts.
    private double JaroBound(int a, int b, ref SimilarityCache cache)
    {
        if (double.IsNaN(cache.JaroBound))
        {
            var sa = _sketches![a];
            var sb = _sketches[b];
            if (CharSketch.Saturated(sa) || CharSketch.Saturated(sb))
            {
                cache.JaroBound = StringSimilarity.JaroUpperBound(_values[a], _values[b]);
            }
            else
            {
                var bound = CharSketch.JaroUpperBound(sa, sb, CharSketch.Size(sa), CharSketch.Size(sb));
                cache.JaroBound = bound < 0.7 ? bound : Math.Min(bound, StringSimilarity.JaroUpperBound(_values[a], _values[b]));
            }
        }

        return cache.JaroBound;
    }

    private bool Metaphones(int a, int b)
    {
        var pa = _metaphonePrimary![a];
        var pb = _metaphonePrimary[b];
        var aa = _metaphoneAlternate![a];
        var ab = _metaphoneAlternate[b];
        if (pa < 0 || pb < 0)
        {
            return false;
        }

        // Primary and alternate codes share one id space, so any agreement between the two pairs counts.
        return pa == pb || pa == ab || aa == pb || (aa >= 0 && aa == ab);
    }

    private static bool Intersects(int[] a, int[] b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                return true;
            }

            if (a[i] < b[j])
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

    // Initials agree when the first letters do and, unless one side is a bare initial, so do the words' initials.
    internal static bool SameInitials(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        if (x[0] != y[0])
        {
            return false;
        }

        if (x.Length == 1 || y.Length == 1)
        {
            return true;
        }

        int i = 0, j = 0;
        while (true)
        {
            i = x[i..].IndexOf(' ') is var di and >= 0 ? i + di : -1;
            j = y[j..].IndexOf(' ') is var dj and >= 0 ? j + dj : -1;
            if (i < 0 || j < 0)
            {
                return i < 0 && j < 0;
            }

            i++;
            j++;
            if (i >= x.Length || j >= y.Length || x[i] != y[j])
            {
                return false;
            }
        }
    }

    // Standardised dates are yyyy-MM-dd: swapped when the years agree and month/day trade places.
    internal static bool Swapped(ReadOnlySpan<char> x, ReadOnlySpan<char> y) =>
        x[..4].SequenceEqual(y[..4]) && x.Slice(5, 2).SequenceEqual(y.Slice(8, 2)) && x.Slice(8, 2).SequenceEqual(y.Slice(5, 2));
}

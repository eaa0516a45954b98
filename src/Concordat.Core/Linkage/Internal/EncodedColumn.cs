using System.Collections.Concurrent;

namespace Concordat.Core.Linkage.Internal;

/// <summary>
/// One column of the linkage data, dictionary-encoded: each row holds the id of its standardised value (-1 when
/// missing), so equality is an int comparison and string work runs once per distinct value. Derived codes
/// (phonetic, postcode parts, dates) are computed once per distinct value and cached; safe to read from many
/// threads once built.
/// </summary>
internal sealed class EncodedColumn
{
    private readonly ConcurrentDictionary<(DerivedKey Key, int Length), int[]> _derived = new();
    private readonly Lazy<int[]> _days;
    private readonly Lazy<int[][]> _nicknames;
    private readonly Lazy<(int[] Primary, int[] Alternate)> _metaphones;
    private readonly Lazy<(int[] Grams, int[] Offsets)> _bigrams;
    private readonly Lazy<ulong[]> _sketches;

    public EncodedColumn(string name, ColumnRole role, int[] ids, ValueDictionary values, int[] counts)
    {
        Name = name;
        Role = role;
        Ids = ids;
        Values = values;
        ValueCount = values.Count;
        Counts = counts;
        NonNullCount = counts.Sum();
        _days = new Lazy<int[]>(BuildDays);
        _nicknames = new Lazy<int[][]>(BuildNicknames);
        _metaphones = new Lazy<(int[], int[])>(BuildMetaphones);
        _sketches = new Lazy<ulong[]>(() =>
        {
            var sketches = new ulong[ValueCount];
            for (var i = 0; i < sketches.Length; i++)
            {
                sketches[i] = CharSketch.Of(Values[i]);
            }

            return sketches;
        });
        _bigrams = new Lazy<(int[], int[])>(() =>
        {
            // One array for every value's grams, with offsets: no array object per value.
            var offsets = new int[ValueCount + 1];
            var grams = new int[Math.Max(16, (int)Math.Min(Array.MaxLength, Values.CharCount))];
            var used = 0;
            for (var i = 0; i < ValueCount; i++)
            {
                var set = StringSimilarity.BigramSet(Values[i]);
                if (used + set.Length > grams.Length)
                {
                    Array.Resize(ref grams, (int)Math.Min(Array.MaxLength, Math.Max(2L * grams.Length, (long)used + set.Length)));
                }

                set.CopyTo(grams, used);
                used += set.Length;
                offsets[i + 1] = used;
            }

            return (grams, offsets);
        });
    }

    public string Name { get; }

    public ColumnRole Role { get; }

    /// <summary>Value id per row; -1 for a missing value.</summary>
    public int[] Ids { get; }

    /// <summary>Distinct standardised values.</summary>
    public ValueDictionary Values { get; }

    /// <summary>Distinct standardised values.</summary>
    public int ValueCount { get; }

    /// <summary>Value <paramref name="id"/> as a string.</summary>
    public string Value(int id) => Values.ToString(id);

    /// <summary>Rows holding each value.</summary>
    public int[] Counts { get; }

    /// <summary>Rows with a value.</summary>
    public int NonNullCount { get; }

    /// <summary>The probability that two distinct random records with a value have the same value.</summary>
    public double AgreementProbability()
    {
        double n = NonNullCount;
        if (n < 2)
        {
            return 0;
        }

        double same = 0;
        foreach (var count in Counts)
        {
            same += (double)count * (count - 1);
        }

        return same / (n * (n - 1));
    }

    /// <summary>Day number per value for a date column; int.MinValue when the value is not a date.</summary>
    public int[] Days => _days.Value;

    /// <summary>Per value, the ids of the name and its formal forms (see <see cref="NicknameTable"/>), sorted.</summary>
    public int[][] Nicknames => _nicknames.Value;

    /// <summary>A <see cref="CharSketch"/> per value, for cheap bounds on edit distances and Jaro.</summary>
    public ulong[] Sketches => _sketches.Value;

    /// <summary>Sorted distinct character bigrams per value, for Jaccard levels.</summary>
    public (int[] Grams, int[] Offsets) Bigrams => _bigrams.Value;

    /// <summary>Double Metaphone primary and alternate code ids per value, in one id space (-1 for none).</summary>
    public (int[] Primary, int[] Alternate) Metaphones => _metaphones.Value;

    /// <summary>The id per value of a derived code, computed once.</summary>
    public int[] Derived(DerivedKey key, int length = 0) => _derived.GetOrAdd((key, length), k => BuildDerived(k.Key, k.Length));

    private int[] BuildDerived(DerivedKey key, int length)
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new int[ValueCount];
        for (var i = 0; i < ValueCount; i++)
        {
            var code = Code(Value(i), key, length);
            if (string.IsNullOrEmpty(code))
            {
                result[i] = -1;
                continue;
            }

            if (!codes.TryGetValue(code, out var id))
            {
                id = codes.Count;
                codes[code] = id;
            }

            result[i] = id;
        }

        return result;
    }

    internal static string? Code(string value, DerivedKey key, int length) => key switch
    {
        DerivedKey.Soundex => Soundex.Encode(value),
        DerivedKey.MetaphonePrimary => DoubleMetaphone.Encode(value).Primary,
        DerivedKey.MetaphoneAlternate => DoubleMetaphone.Encode(value).Alternate,
        DerivedKey.Year => value.Length >= 4 ? value[..4] : null,
        DerivedKey.Sector => PostcodePart(value, 1),
        DerivedKey.District => PostcodePart(value, 0),
        DerivedKey.Area => PostcodeArea(value),
        DerivedKey.First => value.Length >= length ? value[..length] : value,
        _ => null,
    };

    // Standardised postcodes have one space before the inward code; the sector adds its first digit.
    private static string? PostcodePart(string postcode, int inward)
    {
        var space = postcode.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return null;
        }

        return inward == 0 ? postcode[..space] : postcode[..(space + 2)];
    }

    private static string? PostcodeArea(string postcode)
    {
        var n = 0;
        while (n < postcode.Length && char.IsAsciiLetter(postcode[n]))
        {
            n++;
        }

        return n == 0 ? null : postcode[..n];
    }

    private (int[] Primary, int[] Alternate) BuildMetaphones()
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var primary = new int[ValueCount];
        var alternate = new int[ValueCount];
        for (var i = 0; i < ValueCount; i++)
        {
            var (p, a) = DoubleMetaphone.Encode(Value(i));
            primary[i] = Intern(codes, p);
            alternate[i] = Intern(codes, a);
        }

        return (primary, alternate);
    }

    private static int Intern(Dictionary<string, int> codes, string code)
    {
        if (code.Length == 0)
        {
            return -1;
        }

        if (!codes.TryGetValue(code, out var id))
        {
            id = codes.Count;
            codes[code] = id;
        }

        return id;
    }

    private int[] BuildDays()
    {
        var days = new int[ValueCount];
        for (var i = 0; i < ValueCount; i++)
        {
            days[i] = Role == ColumnRole.DateOfBirth ? Standardiser.DayNumber(Value(i)) : int.MinValue;
        }

        return days;
    }

    private int[][] BuildNicknames()
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = Values.ToStrings();
        for (var i = 0; i < names.Length; i++)
        {
            ids[names[i]] = i;
        }

        var result = new int[names.Length][];
        foreach (var (value, i) in names.Select((v, i) => (v, i)))
        {
            var forms = NicknameTable.Forms(value);
            var list = new int[forms.Count];
            for (var f = 0; f < forms.Count; f++)
            {
                if (!ids.TryGetValue(forms[f], out var id))
                {
                    // A formal name nobody in the data has still links two of its familiar forms.
                    id = ids.Count;
                    ids[forms[f]] = id;
                }

                list[f] = id;
            }

            Array.Sort(list);
            result[i] = list;
        }

        return result;
    }
}

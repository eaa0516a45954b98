using System.Globalization;
using Concordat.Core.Catalogue;
using Concordat.Core.Standards;

namespace Concordat.Core.Quality.Internal;

/// <summary>
/// Streams one field's values into counters and sketches of fixed size. One instance per field per profile; not
/// thread safe.
/// </summary>
internal sealed class FieldAccumulator
{
    private const int MaxAgeYears = 120;
    private readonly SchemaField _field;
    private readonly ProfileOptions _options;
    private readonly Func<string, bool>? _standard;
    private readonly string? _standardName;
    private readonly DistinctCounter _distinct;
    private readonly SpaceSaving? _values;
    private readonly SpaceSaving _patterns;
    private readonly ValuePattern _shape = new();
    private readonly bool _birthDate;

    // For numbers, dates and instants without an identifier standard, the standard is "parses as the type", which
    // Measure finds out anyway: one parse instead of two.
    private readonly bool _standardIsParse;
    private readonly int _today;
    private readonly int _oldest;

    private long _rows;
    private long _nulls;
    private long _blanks;
    private long _valid;
    private long _invalid;
    private long _outliers;
    private long _outlierChecked;
    private int _minLength = int.MaxValue;
    private int _maxLength;

    // Numbers as double; dates as day numbers; instants as UTC ticks. Mean by running sum (days, numbers) or
    // running mean (ticks, whose sum would overflow).
    private long _measured;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _sum;
    private double _mean;

    public FieldAccumulator(SchemaField field, ProfileOptions options, DateOnly today)
    {
        _field = field;
        _options = options;
        (_standardName, _standard) = FieldStandard.For(field);
        _standardIsParse = field.Identifier == IdentifierKind.None && field.Type is FieldType.Integer or FieldType.Number or FieldType.Date or FieldType.DateTime;
        _distinct = new DistinctCounter(options.ExactDistinctLimit);
        _values = field.PersonalData == PersonalDataCategory.None ? new SpaceSaving(options.SketchCapacity) : null;
        _patterns = new SpaceSaving(options.SketchCapacity);
        _birthDate = field.Type == FieldType.Date && IsBirthDate(field.Name);
        _today = today.DayNumber;
        _oldest = today.AddYears(-MaxAgeYears).DayNumber;
    }

    public SchemaField Field => _field;

    public void Add(string? value)
    {
        _rows++;
        if (value is null)
        {
            _nulls++;
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            _blanks++;
            return;
        }

        var hash = ValueHash.Of(value);
        _distinct.Add(hash);
        _values?.Add(value, hash);
        var pattern = _shape.Of(value, out var patternHash);
        _patterns.Add(pattern, patternHash);
        _minLength = Math.Min(_minLength, value.Length);
        _maxLength = Math.Max(_maxLength, value.Length);
        var parsed = Measure(value);
        if (_standard is not null)
        {
            if (_standardIsParse ? parsed : _standard(value))
            {
                _valid++;
            }
            else
            {
                _invalid++;
            }
        }
    }

    public FieldProfile ToProfile(double? ruleScore)
    {
        var present = _rows - _nulls - _blanks;
        double? Rate(long part, long whole) => whole == 0 ? null : (double)part / whole;
        var completeness = Rate(present, _rows);
        var validity = _standard is null ? null : Rate(_valid, _valid + _invalid);
        var outlierRate = _birthDate ? Rate(_outliers, _outlierChecked) : null;
        var top = _options.TopCount;
        return new FieldProfile
        {
            Name = _field.Name,
            Type = TableSchemaJson.TypeName(_field.Type),
            Rows = _rows,
            Nulls = _nulls,
            Blanks = _blanks,
            NullRate = Rate(_nulls, _rows),
            BlankRate = Rate(_blanks, _rows),
            Completeness = completeness,
            Distinct = _distinct.Count,
            DistinctIsExact = _distinct.IsExact,
            Minimum = _measured == 0 ? null : Format(_min),
            Maximum = _measured == 0 ? null : Format(_max),
            Mean = _measured == 0 ? null : Format(_field.Type == FieldType.DateTime ? _mean : _sum / _measured),
            MinLength = present == 0 ? null : _minLength,
            MaxLength = present == 0 ? null : _maxLength,
            TopValues = _values is null ? null : Counts(_values, top),
            TopValuesWithheld = _values is null,
            Patterns = Counts(_patterns, top),
            Standard = _standardName,
            Valid = _valid,
            Invalid = _invalid,
            Validity = validity,
            OutlierRule = _birthDate ? $"A date of birth is neither in the future nor more than {MaxAgeYears} years ago." : null,
            Outliers = _outliers,
            OutlierRate = outlierRate,
            Score = QualityScore.ForField(completeness, validity, outlierRate, ruleScore),
            Note = _rows == 0 ? null
                : _nulls == _rows ? "Every value is null."
                : present == 0 ? "Every value is null or blank."
                : null,
        };
    }

    private static IReadOnlyList<ValueCount> Counts(SpaceSaving sketch, int top) =>
        [.. sketch.Top(top).Select(t => new ValueCount(t.Item, t.Count, t.Error))];

    private static bool IsBirthDate(string name) =>
        name.Contains("birth", StringComparison.OrdinalIgnoreCase) || name.Contains("dob", StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds a number, date or instant to the range and mean; false when the value does not parse as its type.</summary>
    private bool Measure(string value)
    {
        double x;
        switch (_field.Type)
        {
            case FieldType.Integer:
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    return false;
                }

                x = whole;
                break;
            case FieldType.Number:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out x))
                {
                    return false;
                }

                break;
            case FieldType.Date:
                if (!IsoDate.TryParseDate(value, out var date))
                {
                    return false;
                }

                x = date.DayNumber;
                if (_birthDate)
                {
                    _outlierChecked++;
                    if (date.DayNumber > _today || date.DayNumber < _oldest)
                    {
                        _outliers++;
                    }
                }

                break;
            case FieldType.DateTime:
                if (!IsoDate.TryParseDateTime(value, out var instant))
                {
                    return false;
                }

                x = instant.UtcTicks;
                break;
            default:
                return false;
        }

        _measured++;
        _min = Math.Min(_min, x);
        _max = Math.Max(_max, x);
        _sum += x;
        _mean += (x - _mean) / _measured;
        return true;
    }

    private string Format(double x) => _field.Type switch
    {
        FieldType.Date => IsoDate.FormatDate(DateOnly.FromDayNumber((int)Math.Round(x))),
        FieldType.DateTime => IsoDate.FormatDateTime(new DateTimeOffset((long)Math.Round(x), TimeSpan.Zero)),
        FieldType.Integer when x == Math.Floor(x) => x.ToString("0", CultureInfo.InvariantCulture),
        _ => Math.Round(x, 6).ToString("R", CultureInfo.InvariantCulture),
    };
}

using System.Globalization;
using System.Text.RegularExpressions;
using Concordat.Core.Catalogue;
using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion;

/// <summary>
/// Checks one field's text against its schema type, identifier standard and constraints, and produces the
/// canonical text that is stored (ISO 8601 dates, invariant numbers, normalised identifiers). Immutable and
/// thread safe once built.
/// </summary>
internal sealed class FieldValidator
{
    private readonly SchemaField _field;
    private readonly Regex? _pattern;
    private readonly HashSet<string>? _allowed;
    private readonly decimal? _minimumNumber;
    private readonly decimal? _maximumNumber;
    private readonly DateOnly? _minimumDate;
    private readonly DateOnly? _maximumDate;

    public FieldValidator(SchemaField field)
    {
        _field = field;
        var c = field.Constraints;
        if (c.Pattern is not null)
        {
            // Anchored so the whole value must match, as Table Schema requires; bounded so no value can stall a run.
            _pattern = new Regex("^(?:" + c.Pattern + ")$", RegexOptions.CultureInvariant, SchemaRules.PatternTimeout);
        }

        if (c.Enum is not null)
        {
            _allowed = new HashSet<string>(c.Enum, StringComparer.Ordinal);
        }

        if (field.Type is FieldType.Integer or FieldType.Number)
        {
            _minimumNumber = ParseDecimal(c.Minimum);
            _maximumNumber = ParseDecimal(c.Maximum);
        }
        else if (field.Type == FieldType.Date)
        {
            _minimumDate = c.Minimum is not null && IsoDate.TryParseDate(c.Minimum, out var min) ? min : null;
            _maximumDate = c.Maximum is not null && IsoDate.TryParseDate(c.Maximum, out var max) ? max : null;
        }
    }

    public string Name => _field.Name;

    public FieldType Type => _field.Type;

    /// <summary>The identifier standard the field declares.</summary>
    public IdentifierKind Identifier => _field.Identifier;

    /// <summary>Validates a value; on success <paramref name="canonical"/> is what to store (null when absent).</summary>
    public bool TryValidate(string? value, out string? canonical, out string? reason) => TryValidate(value, alreadyNormalised: false, out canonical, out reason);

    /// <summary>
    /// Validates a value; <paramref name="alreadyNormalised"/> says it already went through the field's identifier standard,
    /// so a string field's identifier normalisation is skipped. On success <paramref name="canonical"/> is what to
    /// store (null when absent).
    /// </summary>
    public bool TryValidate(string? value, bool alreadyNormalised, out string? canonical, out string? reason)
    {
        canonical = null;
        reason = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            if (_field.Constraints.Required)
            {
                reason = $"{_field.Name}: a value is required.";
                return false;
            }

            return true;
        }

        if (!TryConvert(value, alreadyNormalised, out canonical, out var parsed, out reason))
        {
            reason = $"{_field.Name}: {reason}";
            return false;
        }

        if (!CheckConstraints(canonical!, parsed, out reason))
        {
            reason = $"{_field.Name}: {reason}";
            return false;
        }

        return true;
    }

    /// <summary>Converts to canonical text; numbers and dates also come back parsed, so constraints need not parse again.</summary>
    private bool TryConvert(string value, bool alreadyNormalised, out string? canonical, out Parsed parsed, out string? reason)
    {
        reason = null;
        canonical = value;
        parsed = default;
        switch (_field.Type)
        {
            case FieldType.String:
                if (_field.Identifier != IdentifierKind.None && !alreadyNormalised)
                {
                    if (!IdentifierStandard.TryNormalise(_field.Identifier, value, out var normalised, out reason))
                    {
                        return false;
                    }

                    canonical = normalised;
                }

                return true;
            case FieldType.Integer:
                if (_field.Identifier == IdentifierKind.Uprn)
                {
                    if (!IdentifierStandard.TryNormalise(IdentifierKind.Uprn, value, out var uprn, out reason))
                    {
                        return false;
                    }

                    value = uprn;
                }

                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    canonical = integer.ToString(CultureInfo.InvariantCulture);
                    parsed = new Parsed(integer, default);
                    return true;
                }

                reason = value.AsSpan().TrimStart("+-").ContainsAnyExceptInRange('0', '9') || value.Length == 0
                    ? $"'{Shorten(value)}' is not a whole number."
                    : $"'{Shorten(value)}' is beyond the range of a whole number field (-9223372036854775808 to 9223372036854775807).";
                return false;
            case FieldType.Number:
                if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    if (!CanonicalValues.IsExact(value, number))
                    {
                        reason = $"'{Shorten(value)}' has more precision than a number field keeps (28 decimal places, about 28 significant digits), so it would be stored rounded.";
                        return false;
                    }

                    // One text per number, so 211.00 and 211.0 hash alike and a re-load is not a change.
                    canonical = CanonicalValues.Number(number);
                    parsed = new Parsed(number, default);
                    return true;
                }

                reason = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var beyond) && double.IsFinite(beyond)
                    ? $"'{Shorten(value)}' is beyond the range of a number field (about -7.9E+28 to 7.9E+28)."
                    : $"'{Shorten(value)}' is not a number.";
                return false;
            case FieldType.Boolean:
                switch (value.Trim().ToUpperInvariant())
                {
                    case "TRUE" or "T" or "YES" or "Y" or "1":
                        canonical = "true";
                        return true;
                    case "FALSE" or "F" or "NO" or "N" or "0":
                        canonical = "false";
                        return true;
                    default:
                        reason = $"'{Shorten(value)}' is not true or false.";
                        return false;
                }

            case FieldType.Date:
                if (IsoDate.TryParseDate(value, out var date))
                {
                    // IsoDate accepts only strict yyyy-MM-dd, so the input is already canonical: no need to format it again.
                    canonical = value;
                    parsed = new Parsed(default, date);
                    return true;
                }

                reason = $"'{Shorten(value)}' is not an ISO 8601 date (yyyy-MM-dd); add a parseDate transform to the mapping.";
                return false;
            case FieldType.DateTime:
                if (IsoDate.TryParseDateTime(value, out var instant))
                {
                    canonical = IsoDate.FormatDateTime(instant);
                    return true;
                }

                reason = $"'{Shorten(value)}' is not an ISO 8601 date-time with offset.";
                return false;
            default:
                throw new InvalidOperationException($"Unknown field type {_field.Type}.");
        }
    }

    private bool CheckConstraints(string value, Parsed parsed, out string? reason)
    {
        reason = null;
        var c = _field.Constraints;
        if (c.MinLength is { } minLength && value.Length < minLength)
        {
            reason = $"is {value.Length} characters, shorter than the minimum {minLength}.";
            return false;
        }

        if (c.MaxLength is { } maxLength && value.Length > maxLength)
        {
            reason = $"is {value.Length} characters, longer than the maximum {maxLength}.";
            return false;
        }

        if (_allowed is not null && !_allowed.Contains(value))
        {
            reason = $"'{Shorten(value)}' is not one of the allowed values.";
            return false;
        }

        if (_pattern is not null)
        {
            try
            {
                if (!_pattern.IsMatch(value))
                {
                    reason = $"'{Shorten(value)}' does not match the pattern {c.Pattern}.";
                    return false;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                reason = "the pattern took too long to check this value.";
                return false;
            }
        }

        if (_minimumNumber is not null || _maximumNumber is not null)
        {
            if (parsed.Number < _minimumNumber || parsed.Number > _maximumNumber)
            {
                reason = $"{value} is outside the range {c.Minimum ?? "-"} to {c.Maximum ?? "-"}.";
                return false;
            }
        }

        if (_minimumDate is not null || _maximumDate is not null)
        {
            if (parsed.Date < _minimumDate || parsed.Date > _maximumDate)
            {
                reason = $"{value} is outside the range {c.Minimum ?? "-"} to {c.Maximum ?? "-"}.";
                return false;
            }
        }

        return true;
    }

    private static decimal? ParseDecimal(string? text) =>
        text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    // Quarantine reasons quote the value so a steward can fix it; long values are cut to keep reasons readable.
    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 37), "...");

    /// <summary>The parsed form of a number or date, carried from conversion to the constraint checks.</summary>
    private readonly record struct Parsed(decimal Number, DateOnly Date);
}

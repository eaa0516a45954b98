using System.Globalization;
using System.Text.RegularExpressions;
using Concordat.Core.Catalogue;

namespace Concordat.Core.Quality.Internal;

/// <summary>Evaluates one field rule over the rows of a profile pass. One instance per rule per pass; not thread safe.</summary>
internal sealed class RuleEvaluator
{
    private readonly QualityRule _rule;
    private readonly int _field;
    private readonly FieldType _type;
    private readonly int _other;
    private readonly FieldType _otherType;
    private readonly int _examplesLimit;
    private readonly Regex? _regex;
    private readonly Func<string, bool>? _standard;
    private readonly HashSet<string>? _set;
    private readonly HashSet<ulong>? _seen;
    private readonly IReadOnlySet<ulong>? _reference;
    private readonly double? _min;
    private readonly double? _max;
    private readonly List<RuleFailure> _examples = [];
    private string? _error;

    public RuleEvaluator(QualityRule rule, DatasetSchema schema, ProfileOptions options, IReadOnlySet<ulong>? reference)
    {
        _rule = rule;
        _field = schema.IndexOf(rule.Field!);
        _type = schema.Fields[_field].Type;
        _examplesLimit = options.ExamplesPerRule;
        _other = rule.OtherField is null ? -1 : schema.IndexOf(rule.OtherField);
        _otherType = _other < 0 ? FieldType.String : schema.Fields[_other].Type;
        switch (rule.Type)
        {
            case RuleType.MatchesRegex:
                // Checked when the rule file was read; a pattern that now fails is a bug, not bad input.
                _regex = RegexSafety.TryCreate(rule.Pattern!, out var problem, compiled: true) ?? throw new InvalidOperationException(problem);
                break;
            case RuleType.MatchesStandard:
                _standard = rule.Standard is null ? FieldStandard.For(schema.Fields[_field]).Check : FieldStandard.Named(rule.Standard);
                break;
            case RuleType.InSet:
                _set = new HashSet<string>(rule.Values!, StringComparer.Ordinal);
                break;
            case RuleType.Unique:
                _seen = [];
                break;
            case RuleType.InRange:
                _min = rule.Min is null ? null : QualityRuleFile.Bound(_type, rule.Min);
                _max = rule.Max is null ? null : QualityRuleFile.Bound(_type, rule.Max);
                break;
            case RuleType.Referential:
                _reference = reference;
                if (reference is null)
                {
                    _error = $"Dataset '{rule.Dataset}' could not be read.";
                }

                break;
            default:
                break;
        }
    }

    public QualityRule Rule => _rule;

    public long Checked { get; private set; }

    public long Failed { get; private set; }

    public void Observe(string?[] row, string key)
    {
        if (_error is not null)
        {
            return;
        }

        var value = row[_field];
        if (_rule.Type == RuleType.NotNull)
        {
            Checked++;
            if (string.IsNullOrWhiteSpace(value))
            {
                Fail(key, value);
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            // Missing values are not_null's business; every other rule checks only values that are there.
            return;
        }

        bool ok;
        switch (_rule.Type)
        {
            case RuleType.Unique:
                ok = _seen!.Add(ValueHash.Of(value));
                break;
            case RuleType.MatchesStandard:
                ok = _standard!(value);
                break;
            case RuleType.MatchesRegex:
                try
                {
                    ok = _regex!.IsMatch(value);
                }
                catch (RegexMatchTimeoutException)
                {
                    _error = $"The regular expression took longer than {RegexSafety.MatchTimeout.TotalMilliseconds:0} ms on the value of record '{key}'; evaluation stopped.";
                    return;
                }

                break;
            case RuleType.InRange:
                var x = Comparable.Of(_type, value);
                ok = x is not null && (_min is null || x >= _min) && (_max is null || x <= _max);
                break;
            case RuleType.InSet:
                ok = _set!.Contains(value);
                break;
            case RuleType.Length:
                ok = (_rule.MinLength is null || value.Length >= _rule.MinLength) && (_rule.MaxLength is null || value.Length <= _rule.MaxLength);
                break;
            case RuleType.CrossField:
                var other = row[_other];
                if (string.IsNullOrWhiteSpace(other))
                {
                    return;
                }

                ok = Compare(value, other);
                value = $"{_rule.Field}={value}, {_rule.OtherField}={other}";
                break;
            case RuleType.Referential:
                ok = _reference!.Contains(ValueHash.Of(value));
                break;
            default:
                throw new InvalidOperationException($"{_rule.Type} is not a field rule.");
        }

        Checked++;
        if (!ok)
        {
            Fail(key, value);
        }
    }

    public RuleResult Result()
    {
        var status = _error is not null ? RuleStatus.Error : Failed > 0 ? RuleStatus.Failed : RuleStatus.Passed;
        return new RuleResult
        {
            Rule = _rule.Describe(),
            Type = RuleTypeNames.Name(_rule.Type),
            Field = _rule.Field,
            Severity = _rule.Severity,
            Status = status,
            Checked = Checked,
            Failed = Failed,
            FailureRate = Checked == 0 ? null : (double)Failed / Checked,
            Examples = [.. _examples],
            Message = _error ?? (Failed == 0
                ? $"All {Checked.ToString("N0", CultureInfo.InvariantCulture)} values checked pass."
                : $"{Failed.ToString("N0", CultureInfo.InvariantCulture)} of {Checked.ToString("N0", CultureInfo.InvariantCulture)} values checked fail."),
        };
    }

    /// <summary>Share of checked values that passed, for the field score; null when nothing was checked or evaluation failed.</summary>
    public double? PassRate => _error is not null || Checked == 0 ? null : 1 - ((double)Failed / Checked);

    private bool Compare(string value, string other)
    {
        int order;
        if (Comparable.IsOrdered(_type))
        {
            var a = Comparable.Of(_type, value);
            var b = Comparable.Of(_otherType, other);
            if (a is null || b is null)
            {
                return false;
            }

            order = a.Value.CompareTo(b.Value);
        }
        else
        {
            order = string.CompareOrdinal(value, other);
        }

        return _rule.Operator switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            ">=" => order >= 0,
            "==" => order == 0,
            "!=" => order != 0,
            _ => throw new InvalidOperationException($"Unknown operator {_rule.Operator}."),
        };
    }

    private void Fail(string key, string? value)
    {
        Failed++;
        if (_examples.Count < _examplesLimit)
        {
            _examples.Add(new RuleFailure(key, value));
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Concordat.Core.Catalogue;
using Concordat.Core.Quality.Internal;

namespace Concordat.Core.Quality;

/// <summary>
/// Reads a rule file (<c>{"rules": [{"type": "not_null", "field": "nino"}, ...]}</c>) and checks every rule against the
/// dataset's schema before anything runs. All problems are reported together, each naming the line of the rule at
/// fault; a file with any problem gives no rules at all. Pure and thread safe.
/// </summary>
public static class QualityRuleFile
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 };

    private static readonly Dictionary<RuleType, string[]> Parameters = new()
    {
        [RuleType.NotNull] = [],
        [RuleType.Unique] = [],
        [RuleType.MatchesStandard] = ["standard"],
        [RuleType.MatchesRegex] = ["pattern"],
        [RuleType.InRange] = ["min", "max"],
        [RuleType.InSet] = ["values"],
        [RuleType.Length] = ["minLength", "maxLength"],
        [RuleType.CrossField] = ["operator", "otherField"],
        [RuleType.Referential] = ["dataset", "datasetField"],
        [RuleType.RowCount] = ["min", "max"],
        [RuleType.Freshness] = ["maxAgeDays"],
    };

    private static readonly string[] Operators = ["<", "<=", ">", ">=", "==", "!="];

    /// <summary>Parses and checks a rule file for <paramref name="dataset"/>.</summary>
    /// <param name="json">The rule file text.</param>
    /// <param name="dataset">The dataset the rules are for.</param>
    /// <param name="findDataset">Finds another dataset by id, for referential rules.</param>
    /// <returns>The rule set, or every problem found, each with <see cref="Error.Target"/> <c>line N</c>.</returns>
    public static Result<QualityRuleSet> Parse(string json, Dataset dataset, Func<string, Dataset?> findDataset)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(findDataset);
        var bytes = Encoding.UTF8.GetBytes(json);
        var errors = new List<Error>();
        var rules = new List<QualityRule>();
        try
        {
            var reader = new Utf8JsonReader(bytes, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail(1, "a rule file is a JSON object with a \"rules\" array");
            }

            var sawRules = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var line = LineOf(bytes, reader.TokenStartIndex);
                var name = reader.GetString();
                reader.Read();
                if (name != "rules")
                {
                    errors.Add(At(line, $"unknown property '{name}'; a rule file has only \"rules\""));
                    reader.Skip();
                    continue;
                }

                sawRules = true;
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    errors.Add(At(line, "\"rules\" must be an array of rule objects"));
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var ruleLine = LineOf(bytes, reader.TokenStartIndex);
                    var element = JsonElement.ParseValue(ref reader);
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(At(ruleLine, "each rule must be a JSON object such as {\"type\": \"not_null\", \"field\": \"nino\"}"));
                        continue;
                    }

                    var rule = ReadRule(element, ruleLine, dataset, findDataset, errors);
                    if (rule is not null)
                    {
                        rules.Add(rule);
                    }
                }
            }

            if (!sawRules)
            {
                errors.Add(At(1, "the rule file has no \"rules\" array"));
            }
        }
        catch (JsonException ex)
        {
            return Fail((int)(ex.LineNumber ?? 0) + 1, "the rule file is not valid JSON: " + FirstSentence(ex.Message));
        }

        return errors.Count > 0
            ? Result<QualityRuleSet>.Failure(errors)
            : new QualityRuleSet(dataset.Id, rules, json);
    }

    private static QualityRule? ReadRule(JsonElement element, int line, Dataset dataset, Func<string, Dataset?> findDataset, List<Error> errors)
    {
        var before = errors.Count;
        void Problem(string message) => errors.Add(At(line, message));

        string? typeName = element.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
        if (typeName is null)
        {
            Problem("the rule has no \"type\"; use one of " + string.Join(", ", RuleTypeNames.All));
            return null;
        }

        if (!RuleTypeNames.TryParse(typeName, out var type))
        {
            Problem($"unknown rule type '{typeName}'; use one of " + string.Join(", ", RuleTypeNames.All));
            return null;
        }

        var allowed = Parameters[type];
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is "type" or "severity" or "field" or "description")
            {
                continue;
            }

            if (!allowed.Contains(property.Name))
            {
                Problem(allowed.Length == 0
                    ? $"'{property.Name}' does not apply to a {typeName} rule"
                    : $"'{property.Name}' does not apply to a {typeName} rule, which takes {string.Join(", ", allowed)}");
            }
        }

        var severity = RuleSeverity.Fail;
        if (element.TryGetProperty("severity", out var severityElement))
        {
            switch (severityElement.ValueKind == JsonValueKind.String ? severityElement.GetString() : null)
            {
                case "warn":
                    severity = RuleSeverity.Warn;
                    break;
                case "fail":
                    break;
                default:
                    Problem("severity must be \"warn\" or \"fail\"");
                    break;
            }
        }

        var fieldName = Text(element, "field", Problem);
        SchemaField? field = null;
        if (RuleTypeNames.IsDatasetRule(type))
        {
            if (fieldName is not null)
            {
                Problem($"a {typeName} rule is about the whole dataset and takes no \"field\"");
            }
        }
        else if (fieldName is null)
        {
            Problem($"a {typeName} rule needs a \"field\"");
        }
        else
        {
            field = FindField(dataset, fieldName, Problem);
        }

        var rule = new QualityRule { Type = type, Field = fieldName, Severity = severity, Line = line };
        switch (type)
        {
            case RuleType.MatchesStandard:
                var standard = Text(element, "standard", Problem);
                if (standard is not null && FieldStandard.Named(standard) is null)
                {
                    Problem($"unknown standard '{standard}'; use one of " + string.Join(", ", FieldStandard.Names));
                }
                else if (standard is null && field is not null && FieldStandard.For(field).Check is null)
                {
                    Problem($"field '{field.Name}' is free text with no standard; name one with \"standard\" ({string.Join(", ", FieldStandard.Names)})");
                }

                rule = rule with { Standard = standard };
                break;
            case RuleType.MatchesRegex:
                var pattern = Text(element, "pattern", Problem);
                if (pattern is null)
                {
                    Problem("a matches_regex rule needs a \"pattern\"");
                }
                else if (RegexSafety.TryCreate(pattern, out var problem) is null)
                {
                    Problem(problem!);
                }

                rule = rule with { Pattern = pattern };
                break;
            case RuleType.InRange:
                var min = Scalar(element, "min", Problem);
                var max = Scalar(element, "max", Problem);
                if (min is null && max is null)
                {
                    Problem("an in_range rule needs \"min\", \"max\" or both");
                }
                else if (field is not null)
                {
                    if (!Comparable.IsOrdered(field.Type))
                    {
                        Problem($"in_range needs a number, date or datetime field; '{field.Name}' is {TableSchemaJson.TypeName(field.Type)}");
                    }
                    else
                    {
                        CheckBound(field, "min", min, Problem);
                        CheckBound(field, "max", max, Problem);
                    }
                }

                rule = rule with { Min = min, Max = max };
                break;
            case RuleType.InSet:
                var values = new List<string>();
                if (!element.TryGetProperty("values", out var valuesElement) || valuesElement.ValueKind != JsonValueKind.Array || valuesElement.GetArrayLength() == 0)
                {
                    Problem("an in_set rule needs \"values\", a non-empty array");
                }
                else
                {
                    foreach (var item in valuesElement.EnumerateArray())
                    {
                        switch (item.ValueKind)
                        {
                            case JsonValueKind.String:
                                values.Add(item.GetString()!);
                                break;
                            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                                values.Add(item.GetRawText());
                                break;
                            default:
                                Problem("in_set values must be strings, numbers or booleans");
                                break;
                        }
                    }
                }

                rule = rule with { Values = values };
                break;
            case RuleType.Length:
                var minLength = Integer(element, "minLength", Problem);
                var maxLength = Integer(element, "maxLength", Problem);
                if (minLength is null && maxLength is null)
                {
                    Problem("a length rule needs \"minLength\", \"maxLength\" or both");
                }
                else if (minLength > maxLength)
                {
                    Problem("minLength is greater than maxLength");
                }

                rule = rule with { MinLength = (int?)minLength, MaxLength = (int?)maxLength };
                break;
            case RuleType.CrossField:
                var op = Text(element, "operator", Problem);
                var otherName = Text(element, "otherField", Problem);
                if (op is null || !Operators.Contains(op))
                {
                    Problem("a cross_field rule needs an \"operator\": one of " + string.Join(" ", Operators));
                }

                if (otherName is null)
                {
                    Problem("a cross_field rule needs an \"otherField\"");
                }
                else if (FindField(dataset, otherName, Problem) is { } other && field is not null && !Compatible(field.Type, other.Type))
                {
                    Problem($"'{field.Name}' ({TableSchemaJson.TypeName(field.Type)}) cannot be compared with '{other.Name}' ({TableSchemaJson.TypeName(other.Type)})");
                }

                rule = rule with { Operator = op, OtherField = otherName };
                break;
            case RuleType.Referential:
                var target = Text(element, "dataset", Problem);
                var targetField = Text(element, "datasetField", Problem);
                if (target is null || targetField is null)
                {
                    Problem("a referential rule needs \"dataset\" and \"datasetField\"");
                }
                else if (findDataset(target) is not { } other)
                {
                    Problem($"no dataset '{target}'");
                }
                else if (other.Schema.Find(targetField) is null)
                {
                    Problem($"no field '{targetField}' in dataset '{target}' (fields: {string.Join(", ", other.Schema.Fields.Select(f => f.Name))})");
                }

                rule = rule with { Dataset = target, DatasetField = targetField };
                break;
            case RuleType.RowCount:
                var fewest = Integer(element, "min", Problem);
                var most = Integer(element, "max", Problem);
                if (fewest is null && most is null)
                {
                    Problem("a row_count rule needs \"min\", \"max\" or both");
                }
                else if (fewest > most)
                {
                    Problem("min is greater than max");
                }

                rule = rule with
                {
                    Min = fewest?.ToString(CultureInfo.InvariantCulture),
                    Max = most?.ToString(CultureInfo.InvariantCulture),
                };
                break;
            case RuleType.Freshness:
                double? days = element.TryGetProperty("maxAgeDays", out var daysElement) && daysElement.ValueKind == JsonValueKind.Number ? daysElement.GetDouble() : null;
                if (days is null or <= 0)
                {
                    Problem("a freshness rule needs \"maxAgeDays\", a number above zero");
                }

                rule = rule with { MaxAgeDays = days };
                break;
            default:
                break;
        }

        return errors.Count == before ? rule : null;
    }

    private static bool Compatible(FieldType a, FieldType b) =>
        a == b
        || (a is FieldType.Integer or FieldType.Number && b is FieldType.Integer or FieldType.Number)
        || (Comparable.IsTemporal(a) && Comparable.IsTemporal(b));

    private static void CheckBound(SchemaField field, string name, string? bound, Action<string> problem)
    {
        if (bound is not null && Bound(field.Type, bound) is null)
        {
            problem($"{name} '{bound}' is not {(Comparable.IsTemporal(field.Type) ? "an ISO 8601 date" : "a number")} as field '{field.Name}' needs");
        }
    }

    /// <summary>An in_range bound on the field's ordered scale; dates are accepted for datetime fields.</summary>
    internal static double? Bound(FieldType type, string bound) =>
        Comparable.Of(type, bound) ?? (type == FieldType.DateTime ? Comparable.Of(FieldType.Date, bound) : null);

    private static SchemaField? FindField(Dataset dataset, string name, Action<string> problem)
    {
        var field = dataset.Schema.Find(name);
        if (field is null)
        {
            problem($"no field '{name}' in dataset '{dataset.Id}' (fields: {string.Join(", ", dataset.Schema.Fields.Select(f => f.Name))})");
        }

        return field;
    }

    private static string? Text(JsonElement element, string name, Action<string> problem)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problem($"\"{name}\" must be a string");
            return null;
        }

        return value.GetString();
    }

    private static string? Scalar(JsonElement element, string name, Action<string> problem)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.String)
        {
            return value.GetString();
        }

        if (value.ValueKind is JsonValueKind.Number)
        {
            return value.GetRawText();
        }

        problem($"\"{name}\" must be a number or a string");
        return null;
    }

    private static long? Integer(JsonElement element, string name, Action<string> problem)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < 0)
        {
            problem($"\"{name}\" must be a whole number, zero or more");
            return null;
        }

        return number;
    }

    private static int LineOf(byte[] bytes, long offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }

    private static string FirstSentence(string message)
    {
        var stop = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (stop > 0 ? message[..stop] : message).TrimEnd();
    }

    private static Error At(int line, string message) =>
        Error.Validation("quality.rules_invalid", $"line {line}: {message.TrimEnd('.')}.", $"line {line}");

    private static Result<QualityRuleSet> Fail(int line, string message) => At(line, message);
}

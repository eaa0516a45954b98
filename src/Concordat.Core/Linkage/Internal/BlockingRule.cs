using System.Globalization;

namespace Concordat.Core.Linkage.Internal;

/// <summary>A parsed blocking rule: keys that must all agree, none missing. Immutable.</summary>
internal sealed class BlockingRule
{
    private BlockingRule(string text, IReadOnlyList<BlockingKey> keys)
    {
        Text = text;
        Keys = keys;
    }

    /// <summary>The rule as written.</summary>
    public string Text { get; }

    /// <summary>The keys, at least one.</summary>
    public IReadOnlyList<BlockingKey> Keys { get; }

    /// <summary>Distinct columns the rule reads.</summary>
    public IEnumerable<string> ColumnNames => Keys.Select(k => k.Column).Distinct(StringComparer.Ordinal);

    /// <summary>Parses <c>col[:transform] &amp; ...</c>; every column must be in <paramref name="columns"/>.</summary>
    public static Result<BlockingRule> Parse(string? text, IReadOnlySet<string> columns)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Error.Validation("linkage.blocking_rule_invalid", "A blocking rule is blank.");
        }

        var keys = new List<BlockingKey>();
        foreach (var part in text.Split('&', StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var column = colon < 0 ? part : part[..colon].Trim();
            var transformText = colon < 0 ? "" : part[(colon + 1)..].Trim().ToLowerInvariant();
            if (!columns.Contains(column))
            {
                return Error.Validation("linkage.blocking_column_unknown", $"Blocking rule '{text}' uses column '{column}', which is not among the settings' columns.", column);
            }

            BlockingKey? key = transformText switch
            {
                "" => new BlockingKey(column, BlockingKeyTransform.Value, 0),
                "soundex" => new BlockingKey(column, BlockingKeyTransform.Soundex, 0),
                "metaphone" => new BlockingKey(column, BlockingKeyTransform.Metaphone, 0),
                "year" => new BlockingKey(column, BlockingKeyTransform.Year, 0),
                "sector" => new BlockingKey(column, BlockingKeyTransform.Sector, 0),
                "district" => new BlockingKey(column, BlockingKeyTransform.District, 0),
                _ when transformText.StartsWith("first", StringComparison.Ordinal)
                    && int.TryParse(transformText.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10
                    => new BlockingKey(column, BlockingKeyTransform.First, n),
                _ => null,
            };
            if (key is null)
            {
                return Error.Validation("linkage.blocking_transform_unknown", $"Blocking rule '{text}' has unknown transform '{transformText}'; use first1 to first10, soundex, metaphone, year, sector or district.", column);
            }

            keys.Add(key);
        }

        return new BlockingRule(text, keys);
    }

    public override string ToString() => Text;
}

using Concordat.Core.Linkage.Internal;

namespace Concordat.Core.Linkage;

/// <summary>
/// A linkage described in a settings file: columns and their roles, comparisons, blocking rules, training rules and
/// limits. Read with <see cref="LinkageSettingsJson"/>; checked by <see cref="Validate"/>.
/// </summary>
/// <remarks>
/// A blocking rule is a text of one or more keys joined by <c>&amp;</c>; two records are compared when every key
/// agrees and none is missing. A key is a column name, optionally with a transform after a colon:
/// <c>first1</c>...<c>first4</c> (leading characters), <c>soundex</c>, <c>metaphone</c>, <c>year</c> (of a date),
/// <c>sector</c>, <c>district</c> (of a postcode). Several rules are OR-ed and a pair found by two rules is kept once.
/// </remarks>
public sealed record LinkageSettings
{
    /// <summary>Default limit of candidate pairs blocking may produce.</summary>
    public const long DefaultPairBudget = 100_000_000;

    /// <summary>Which pairs are compared.</summary>
    public LinkType LinkType { get; init; } = LinkType.Dedupe;

    /// <summary>The column that identifies a record within its input; required.</summary>
    public required string UniqueIdColumn { get; init; }

    /// <summary>Columns used by comparisons and blocking, with their roles.</summary>
    public required IReadOnlyList<ColumnSettings> Columns { get; init; }

    /// <summary>Comparisons; at least one.</summary>
    public required IReadOnlyList<ComparisonSettings> Comparisons { get; init; }

    /// <summary>Blocking rules for prediction, OR-ed; at least one.</summary>
    public required IReadOnlyList<string> BlockingRules { get; init; }

    /// <summary>
    /// Blocking rules for estimating m-probabilities by expectation-maximisation; comparisons of a rule's own columns
    /// are not estimated from that rule. The prediction rules when omitted.
    /// </summary>
    public IReadOnlyList<string>? TrainingBlockingRules { get; init; }

    /// <summary>Rules that almost surely mean a match, used to estimate the prior probability of a match.</summary>
    public IReadOnlyList<string>? DeterministicRules { get; init; }

    /// <summary>The share of true matches the deterministic rules are believed to find, in (0, 1].</summary>
    public double DeterministicRecall { get; init; } = 0.8;

    /// <summary>The most candidate pairs blocking may produce; a larger estimate is refused before any work.</summary>
    public long PairBudget { get; init; } = DefaultPairBudget;

    /// <summary>Random pairs drawn to estimate u-probabilities.</summary>
    public int USamplePairs { get; init; } = 1_000_000;

    /// <summary>Most blocked pairs used by one training rule (a random sample when there are more).</summary>
    public int MaxTrainingPairs { get; init; } = 1_000_000;

    /// <summary>Expectation-maximisation iterations per training rule, at most.</summary>
    public int MaxIterations { get; init; } = 25;

    /// <summary>Seed for sampling; the same seed and data give the same model.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Checks the settings against the columns the inputs have; no errors when usable.</summary>
    /// <param name="inputColumns">The header of every input.</param>
    public List<Error> Validate(IReadOnlyList<IReadOnlyList<string>> inputColumns)
    {
        ArgumentNullException.ThrowIfNull(inputColumns);
        var errors = ValidateShape();
        for (var i = 0; i < inputColumns.Count; i++)
        {
            var header = inputColumns[i];
            foreach (var name in Columns.Select(c => c.Name).Append(UniqueIdColumn).Distinct(StringComparer.Ordinal))
            {
                if (!header.Contains(name, StringComparer.Ordinal))
                {
                    errors.Add(Error.Validation(
                        "linkage.column_missing",
                        $"Input {i + 1} has no column '{name}'; it has {string.Join(", ", header)}.",
                        name));
                }
            }
        }

        return errors;
    }

    /// <summary>Checks the settings on their own, without the inputs.</summary>
    public List<Error> ValidateShape()
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(UniqueIdColumn))
        {
            errors.Add(Error.Validation("linkage.unique_id_missing", "Name the column that identifies each record (uniqueIdColumn).", nameof(UniqueIdColumn)));
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in Columns ?? [])
        {
            if (string.IsNullOrWhiteSpace(column.Name) || !known.Add(column.Name))
            {
                errors.Add(Error.Validation("linkage.column_invalid", $"Column '{column.Name}' is blank or named twice.", nameof(Columns)));
            }

            if (!Enum.IsDefined(column.Role))
            {
                errors.Add(Error.Validation("linkage.role_unknown", $"Column '{column.Name}' has an unknown role.", column.Name));
            }
        }

        if (Comparisons is null || Comparisons.Count == 0)
        {
            errors.Add(Error.Validation("linkage.no_comparisons", "Give at least one comparison.", nameof(Comparisons)));
        }
        else
        {
            foreach (var comparison in Comparisons)
            {
                ValidateComparison(comparison, known, errors);
            }

            if (Comparisons.Select(c => c.DisplayName).Distinct(StringComparer.Ordinal).Count() != Comparisons.Count)
            {
                errors.Add(Error.Validation("linkage.comparison_duplicate", "Give each comparison a different name.", nameof(Comparisons)));
            }
        }

        if (BlockingRules is null || BlockingRules.Count == 0)
        {
            errors.Add(Error.Validation("linkage.no_blocking_rules", "Give at least one blocking rule, e.g. \"dob & familyName:first1\".", nameof(BlockingRules)));
        }

        foreach (var rule in (BlockingRules ?? []).Concat(TrainingBlockingRules ?? []).Concat(DeterministicRules ?? []))
        {
            var parsed = BlockingRule.Parse(rule, known);
            if (!parsed.IsSuccess)
            {
                errors.AddRange(parsed.Errors);
            }
        }

        if (!(DeterministicRecall is > 0 and <= 1))
        {
            errors.Add(Error.Validation("linkage.recall_out_of_range", "deterministicRecall must be above 0 and at most 1.", nameof(DeterministicRecall)));
        }

        if (PairBudget < 1 || USamplePairs < 1000 || MaxTrainingPairs < 1000 || MaxIterations is < 1 or > 1000)
        {
            errors.Add(Error.Validation("linkage.limits_out_of_range", "pairBudget must be positive, uSamplePairs and maxTrainingPairs at least 1000, maxIterations 1 to 1000.", nameof(PairBudget)));
        }

        return errors;
    }

    private static void ValidateComparison(ComparisonSettings comparison, HashSet<string> known, List<Error> errors)
    {
        var name = comparison.DisplayName;
        if (!known.Contains(comparison.Column ?? ""))
        {
            errors.Add(Error.Validation("linkage.comparison_column_unknown", $"Comparison '{name}' uses column '{comparison.Column}', which is not among the settings' columns.", name));
        }

        if (comparison.Levels is null || !comparison.Levels.Any(l => l.Type != ComparisonLevelKind.Null))
        {
            errors.Add(Error.Validation("linkage.comparison_no_levels", $"Comparison '{name}' needs at least one level.", name));
            return;
        }

        if (comparison.Levels.Count > 12)
        {
            errors.Add(Error.Validation("linkage.comparison_too_many_levels", $"Comparison '{name}' has more than 12 levels.", name));
        }

        foreach (var level in comparison.Levels)
        {
            var problem = level.Type switch
            {
                _ when !Enum.IsDefined(level.Type) => "an unknown type",
                ComparisonLevelKind.Jaro or ComparisonLevelKind.JaroWinkler or ComparisonLevelKind.Jaccard when level.Threshold is not (> 0 and <= 1) => "a threshold above 0 and at most 1",
                ComparisonLevelKind.Levenshtein or ComparisonLevelKind.DamerauLevenshtein when level.MaxDistance is not (>= 0 and <= 20) => "a maxDistance from 0 to 20",
                ComparisonLevelKind.DateWithinDays when level.Days is not (>= 0 and <= 36_500) => "days from 0 to 36500",
                ComparisonLevelKind.DateWithinYears when level.Years is not (>= 0 and <= 150) => "years from 0 to 150",
                _ when level.Tf && level.Type != ComparisonLevelKind.Exact => "tf only on an exact level",
                _ => null,
            };
            if (problem is not null)
            {
                errors.Add(Error.Validation("linkage.level_invalid", $"Comparison '{name}' has a {level.Type} level that needs {problem}.", name));
            }
        }
    }
}

namespace Concordat.Core.Quality;

/// <summary>The kinds of quality rule, named in rule files in snake case (<c>not_null</c>, <c>matches_regex</c>, ...).</summary>
public enum RuleType
{
    /// <summary><c>not_null</c>: every record has a non-blank value.</summary>
    NotNull,
    /// <summary><c>unique</c>: no two records share a value.</summary>
    Unique,
    /// <summary><c>matches_standard</c>: values meet the field's standard (or the one named by <c>standard</c>).</summary>
    MatchesStandard,
    /// <summary><c>matches_regex</c>: values match <c>pattern</c> in full.</summary>
    MatchesRegex,
    /// <summary><c>in_range</c>: numbers or dates between <c>min</c> and <c>max</c> inclusive.</summary>
    InRange,
    /// <summary><c>in_set</c>: values are among <c>values</c>.</summary>
    InSet,
    /// <summary><c>length</c>: value length between <c>minLength</c> and <c>maxLength</c>.</summary>
    Length,
    /// <summary><c>cross_field</c>: <c>field operator otherField</c> holds, e.g. date of death after date of birth.</summary>
    CrossField,
    /// <summary><c>referential</c>: each value exists in <c>dataset</c>'s <c>datasetField</c>.</summary>
    Referential,
    /// <summary><c>row_count</c>: the dataset has between <c>min</c> and <c>max</c> records.</summary>
    RowCount,
    /// <summary><c>freshness</c>: the newest record is at most <c>maxAgeDays</c> old.</summary>
    Freshness,
}

namespace Concordat.Core.Governance;

/// <summary>How a row filter compares a record's field with the filter's value.</summary>
public enum RowFilterOperator
{
    /// <summary>Equal (ordinal text, or numeric/date equality for typed fields).</summary>
    Equal,
    /// <summary>Not equal.</summary>
    NotEqual,
    /// <summary>Less than.</summary>
    LessThan,
    /// <summary>Less than or equal.</summary>
    LessThanOrEqual,
    /// <summary>Greater than.</summary>
    GreaterThan,
    /// <summary>Greater than or equal.</summary>
    GreaterThanOrEqual,
    /// <summary>The date field (a date of birth) gives an age in whole years of at least the value on the day of the request.</summary>
    AgeAtLeast,
    /// <summary>The date field gives an age in whole years below the value on the day of the request.</summary>
    AgeUnder,
}

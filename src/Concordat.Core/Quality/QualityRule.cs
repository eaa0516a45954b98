using System.Globalization;

namespace Concordat.Core.Quality;

/// <summary>
/// One declared quality rule, as read from a rule file and checked against the dataset's schema. Which of the
/// optional members apply depends on <see cref="Type"/> (see docs/quality.md). Immutable.
/// </summary>
public sealed record QualityRule
{
    /// <summary>The kind of rule.</summary>
    public required RuleType Type { get; init; }

    /// <summary>The field checked; null for dataset rules (<c>row_count</c>, <c>freshness</c>).</summary>
    public string? Field { get; init; }

    /// <summary>How much a failure matters; <see cref="RuleSeverity.Fail"/> unless the file says <c>warn</c>.</summary>
    public RuleSeverity Severity { get; init; } = RuleSeverity.Fail;

    /// <summary>The line of the rule file where the rule starts (1-based), for messages.</summary>
    public int Line { get; init; }

    /// <summary><c>matches_regex</c>: a .NET regular expression that must match the whole value.</summary>
    public string? Pattern { get; init; }

    /// <summary><c>in_range</c>: inclusive lower bound (number or ISO date); <c>row_count</c>: fewest records.</summary>
    public string? Min { get; init; }

    /// <summary><c>in_range</c>: inclusive upper bound (number or ISO date); <c>row_count</c>: most records.</summary>
    public string? Max { get; init; }

    /// <summary><c>in_set</c>: the allowed values.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary><c>length</c>: fewest characters.</summary>
    public int? MinLength { get; init; }

    /// <summary><c>length</c>: most characters.</summary>
    public int? MaxLength { get; init; }

    /// <summary><c>cross_field</c>: one of <c>&lt; &lt;= &gt; &gt;= == !=</c>.</summary>
    public string? Operator { get; init; }

    /// <summary><c>cross_field</c>: the field compared against.</summary>
    public string? OtherField { get; init; }

    /// <summary><c>referential</c>: the dataset whose values are looked up.</summary>
    public string? Dataset { get; init; }

    /// <summary><c>referential</c>: the field of <see cref="Dataset"/> looked up.</summary>
    public string? DatasetField { get; init; }

    /// <summary><c>matches_standard</c>: a standard other than the field's own (nino, nhsNumber, postcode, uprn, email, phone, date, datetime).</summary>
    public string? Standard { get; init; }

    /// <summary><c>freshness</c>: the greatest acceptable age of the newest record, in days.</summary>
    public double? MaxAgeDays { get; init; }

    /// <summary>A short description, e.g. <c>not_null(nino)</c> or <c>cross_field(dateOfDeath &gt; dateOfBirth)</c>.</summary>
    public string Describe() => Type switch
    {
        RuleType.CrossField => $"{RuleTypeNames.Name(Type)}({Field} {Operator} {OtherField})",
        RuleType.Referential => $"{RuleTypeNames.Name(Type)}({Field} in {Dataset}.{DatasetField})",
        RuleType.RowCount => $"{RuleTypeNames.Name(Type)}({Min ?? "0"}..{Max ?? "any"})",
        RuleType.Freshness => string.Create(CultureInfo.InvariantCulture, $"{RuleTypeNames.Name(Type)}(<= {MaxAgeDays} days)"),
        _ => $"{RuleTypeNames.Name(Type)}({Field})",
    };
}

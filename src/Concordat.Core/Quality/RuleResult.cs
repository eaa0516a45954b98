namespace Concordat.Core.Quality;

/// <summary>The result of one quality rule in one profile.</summary>
public sealed record RuleResult
{
    /// <summary>The rule as written, in short (<c>not_null(nino)</c>).</summary>
    public required string Rule { get; init; }

    /// <summary>The rule type name.</summary>
    public required string Type { get; init; }

    /// <summary>The field the rule checks; null for dataset rules.</summary>
    public string? Field { get; init; }

    /// <summary>The rule's severity.</summary>
    public RuleSeverity Severity { get; init; }

    /// <summary>The outcome.</summary>
    public RuleStatus Status { get; init; }

    /// <summary>Values (or records) checked.</summary>
    public long Checked { get; init; }

    /// <summary>Values (or records) that broke the rule.</summary>
    public long Failed { get; init; }

    /// <summary><see cref="Failed"/> / <see cref="Checked"/>; null when nothing was checked.</summary>
    public double? FailureRate { get; init; }

    /// <summary>Up to five examples of failing records, in the order met.</summary>
    public IReadOnlyList<RuleFailure> Examples { get; init; } = [];

    /// <summary>What was found, in one sentence.</summary>
    public string? Message { get; init; }
}

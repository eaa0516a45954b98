namespace Concordat.Core.Quality;

/// <summary>The outcome of one rule in one profile.</summary>
public enum RuleStatus
{
    /// <summary>Every value checked met the rule.</summary>
    Passed,
    /// <summary>At least one value (or the dataset) broke the rule.</summary>
    Failed,
    /// <summary>The rule could not be evaluated (a regular expression timed out, a referenced dataset is gone).</summary>
    Error,
}

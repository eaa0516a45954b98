using System.Globalization;
using Concordat.Core.Ingestion;
using Concordat.Core.Quality;

namespace Concordat.Server.Portal.Quality;

/// <summary>Quality figures and run states in words for the staff pages.</summary>
internal static class QualityText
{
    /// <summary>A score from 0 to 100, or "Not measured".</summary>
    public static string Score(double? score) => score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "Not measured";

    /// <summary>A rate from 0 to 1 as a percentage, or "Not measured".</summary>
    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "Not measured";

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>The GOV.UK tag of a run's status.</summary>
    public static (string Class, string Text) RunStatus(IngestRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Status switch
        {
            IngestRunStatus.Succeeded when run.Counts.RowsQuarantined > 0 => ("govuk-tag govuk-tag--yellow", "Loaded with quarantine"),
            IngestRunStatus.Succeeded => ("govuk-tag govuk-tag--green", "Loaded"),
            _ => ("govuk-tag govuk-tag--red", "Failed"),
        };
    }

    /// <summary>The GOV.UK tag of a rule result.</summary>
    public static (string Class, string Text) Rule(RuleResult rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Status switch
        {
            RuleStatus.Passed => ("govuk-tag govuk-tag--green", "Passed"),
            RuleStatus.Failed when rule.Severity == RuleSeverity.Warn => ("govuk-tag govuk-tag--yellow", "Warning"),
            RuleStatus.Failed => ("govuk-tag govuk-tag--red", "Failed"),
            _ => ("govuk-tag govuk-tag--grey", "Could not run"),
        };
    }
}

namespace Concordat.Core.Quality;

/// <summary>
/// A quality profile of a dataset's current records at one moment, kept per ingest run (and per on-demand request)
/// so trends show. Immutable.
/// </summary>
public sealed record QualityProfile
{
    /// <summary>Profile number, increasing across the hub; 0 before it is stored.</summary>
    public long Id { get; init; }

    /// <summary>The dataset profiled.</summary>
    public required string DatasetId { get; init; }

    /// <summary>The ingest run after which the profile was taken; null for an on-demand profile.</summary>
    public long? RunId { get; init; }

    /// <summary>Why the profile was taken.</summary>
    public ProfileTrigger Trigger { get; init; }

    /// <summary>When the profile was taken (UTC).</summary>
    public DateTimeOffset ProfiledAt { get; init; }

    /// <summary>The dataset's schema version at the time.</summary>
    public int SchemaVersion { get; init; }

    /// <summary>Current (not deleted) records profiled.</summary>
    public long Rows { get; init; }

    /// <summary>Per-field profiles in schema order.</summary>
    public IReadOnlyList<FieldProfile> Fields { get; init; } = [];

    /// <summary>
    /// Share of the latest run's source rows that repeated an earlier row's key (those rows are quarantined by ingest);
    /// null when no run is known.
    /// </summary>
    public double? DuplicateKeyRate { get; init; }

    /// <summary>When the newest current record was written (UTC); null for an empty dataset.</summary>
    public DateTimeOffset? NewestRecordAt { get; init; }

    /// <summary>Age of the newest record in seconds at <see cref="ProfiledAt"/>; null for an empty dataset.</summary>
    public double? FreshnessSeconds { get; init; }

    /// <summary>Mean of the fields' completeness; null for an empty dataset.</summary>
    public double? Completeness { get; init; }

    /// <summary>Quality score from 0 to 100 (see docs/quality.md); null for an empty dataset.</summary>
    public double? Score { get; init; }

    /// <summary>Results of the dataset's quality rules, in rule order; empty when it has none.</summary>
    public IReadOnlyList<RuleResult> Rules { get; init; } = [];

    /// <summary>A remark for a reader, such as "The dataset has no current records.".</summary>
    public string? Note { get; init; }

    /// <summary>True when a rule of severity <see cref="RuleSeverity.Fail"/> failed or could not be evaluated.</summary>
    public bool HasFailures => Rules.Any(r => r.Severity == RuleSeverity.Fail && r.Status is RuleStatus.Failed or RuleStatus.Error);
}

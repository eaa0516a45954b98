using Concordat.Core.Linkage;

namespace Concordat.Server.Api.Persons;

/// <summary>
/// <c>Concordat:PersonMatch</c>: the linkage settings and trained model that real-time person matching uses (the
/// same files <c>concordat persons resolve</c> takes). Without both, <c>POST /api/v1/persons/match</c> answers 409
/// <c>persons.match_unavailable</c>.
/// </summary>
public sealed class PersonMatchOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Concordat:PersonMatch";

    /// <summary>Path of the linkage settings file (JSON).</summary>
    public string? Settings { get; set; }

    /// <summary>Path of the trained model file (JSON).</summary>
    public string? Model { get; set; }

    /// <summary>
    /// The cap on one block (1 to 1,000,000; default 1,000): a query's key shared by more held records than this under
    /// some blocking rule is too common to block on, so that rule is left out of the match and the answer names it in
    /// <c>skippedBlocks</c>. Bounds the work of one match, and so its latency, whatever the data.
    /// </summary>
    public int MaxBlockRecords { get; set; } = PersonMatchIndex.DefaultMaxBlockRecords;

    /// <summary>
    /// How often the index reads the stores' change feeds for ingests and resolutions that committed since (each
    /// catch-up costs what changed, not what is held).
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}

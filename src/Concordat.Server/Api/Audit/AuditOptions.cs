using Concordat.Core.Audit;

namespace Concordat.Server.Api.Audit;

/// <summary>Audit log settings, bound from <c>Concordat:Audit</c>.</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Concordat:Audit";

    /// <summary>The origin line of this hub's checkpoints; keep it stable for the life of the log.</summary>
    public string Origin { get; set; } = AuditEngine.DefaultOrigin;

    /// <summary>
    /// Sign a checkpoint when the log has grown and the last one is at least this old. Entries newer than the last
    /// checkpoint are protected only by the database, so this bounds how long an entry waits for a signature.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Sign a checkpoint as soon as this many entries are not yet covered by one.</summary>
    public long CheckpointEveryEntries { get; set; } = 10_000;

    /// <summary>How often the checkpoint service looks at the log (at most <see cref="CheckpointInterval"/>).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}

using Concordat.Core.Federation;

namespace Concordat.Server.Federation;

/// <summary>Where this node's federation stands, for health reports and the CLI.</summary>
/// <param name="Usable">Whether federation traffic may flow now.</param>
/// <param name="Code">A stable code: <c>federation.current</c>, <c>federation.grace</c>, <c>federation.configuration_expired</c>, <c>federation.no_configuration</c>, <c>federation.not_a_member</c>.</param>
/// <param name="Description">One sentence for people.</param>
/// <param name="Version">The held configuration's version, or 0.</param>
/// <param name="ExpiresAt">When it expires, if any.</param>
/// <param name="GraceEndsAt">When its grace period ends, if any.</param>
/// <param name="LastRefresh">When the source last answered with a configuration this node could accept or already held.</param>
/// <param name="LastError">Why the last refresh failed, if it did.</param>
public sealed record FederationStatus(bool Usable, string Code, string Description, long Version, DateTimeOffset? ExpiresAt, DateTimeOffset? GraceEndsAt, DateTimeOffset? LastRefresh, string? LastError)
{
    /// <summary>The state of the held configuration, when there is one.</summary>
    public FederationConfigurationState? State { get; init; }
}

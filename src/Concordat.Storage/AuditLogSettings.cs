namespace Concordat.Storage;

/// <summary>
/// How a host wants its audit log opened. Register one to set the checkpoint origin (the hub binds it from
/// <c>Concordat:Audit:Origin</c>); without one, a log keeps the origin of its newest stored checkpoint, or
/// <see cref="Core.Audit.AuditEngine.DefaultOrigin"/> before the first, so a second process signs as the hub does.
/// </summary>
/// <param name="Origin">The origin line of the log's checkpoints, or null for the stored one.</param>
public sealed record AuditLogSettings(string? Origin);

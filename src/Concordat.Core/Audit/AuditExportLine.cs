namespace Concordat.Core.Audit;

/// <summary>One parsed line of an exported log: exactly one of the members is set.</summary>
/// <param name="Header">The header line, first in the file.</param>
/// <param name="Entry">An entry line: the logged entry with the leaf hash the hub stored.</param>
/// <param name="Checkpoint">A checkpoint line.</param>
public sealed record AuditExportLine(AuditExportHeader? Header, LoggedAuditEntry? Entry, Checkpoint? Checkpoint);

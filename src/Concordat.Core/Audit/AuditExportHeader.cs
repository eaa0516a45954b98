namespace Concordat.Core.Audit;

/// <summary>The first line of an exported log. Informative only: nothing in it is signed.</summary>
/// <param name="Format">Always <see cref="AuditExportFormat.FormatName"/>.</param>
/// <param name="Origin">The log's origin.</param>
/// <param name="TreeSize">The number of entries the export holds.</param>
/// <param name="KeyId">The key id of the hub's checkpoint key.</param>
public sealed record AuditExportHeader(string Format, string Origin, long TreeSize, string KeyId);

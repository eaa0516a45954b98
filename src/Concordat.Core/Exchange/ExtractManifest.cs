namespace Concordat.Core.Exchange;

/// <summary>
/// What travels with a bulk extract: the terms it was shared under, its shape, its quality, and a digest so the
/// consumer can check the file is the one the hub wrote.
/// </summary>
/// <param name="ExtractId">The extract's id.</param>
/// <param name="AgreementId">The agreement it was shared under.</param>
/// <param name="AgreementVersion">The agreement's version.</param>
/// <param name="Purpose">The purpose it may be used for.</param>
/// <param name="DatasetId">The provider's dataset.</param>
/// <param name="Format">The file format.</param>
/// <param name="CreatedAt">When the extract was made (UTC).</param>
/// <param name="RetainUntil">The last day the consumer may keep it.</param>
/// <param name="Fields">The fields, in column order, with their type and the agreement's transform.</param>
/// <param name="RowCount">Records in the file.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hex.</param>
/// <param name="Bytes">The file's length.</param>
/// <param name="AuditIndex">The audit log entry recording the extract.</param>
public sealed record ExtractManifest(
    string ExtractId,
    string AgreementId,
    int AgreementVersion,
    string Purpose,
    string DatasetId,
    ExtractFormat Format,
    DateTimeOffset CreatedAt,
    DateOnly RetainUntil,
    IReadOnlyList<ExtractField> Fields,
    long RowCount,
    string Sha256,
    long Bytes,
    long AuditIndex)
{
    /// <summary>
    /// The pseudonymisation key the extract's tokens were made under, in pseudonymised mode; null otherwise. A download
    /// after the key was rotated is refused, so old tokens are not handed out once the provider has replaced the key.
    /// </summary>
    public string? PseudonymKeyId { get; init; }

    /// <summary>The dataset's latest quality figures, when the hub has profiled it; null otherwise.</summary>
    public System.Text.Json.Nodes.JsonObject? Quality { get; init; }
}

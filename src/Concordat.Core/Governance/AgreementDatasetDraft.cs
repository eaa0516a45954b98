namespace Concordat.Core.Governance;

/// <summary>A dataset scope as drafted, before validation.</summary>
/// <param name="DatasetId">The dataset id.</param>
/// <param name="Fields">The fields to share with their transforms.</param>
/// <param name="RowFilters">Conditions every shared record must meet.</param>
public sealed record AgreementDatasetDraft(string? DatasetId, IReadOnlyList<AgreementField>? Fields, IReadOnlyList<RowFilter>? RowFilters = null);

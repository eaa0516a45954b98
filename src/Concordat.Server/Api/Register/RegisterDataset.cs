using Concordat.Core.Governance;

namespace Concordat.Server.Api.Register;

/// <summary>A dataset on the register with the exact fields shared and the rows in scope.</summary>
/// <param name="DatasetId">The dataset.</param>
/// <param name="Fields">Fields and their transforms.</param>
/// <param name="RowFilters">Which records are in scope.</param>
public sealed record RegisterDataset(string DatasetId, IReadOnlyList<AgreementField> Fields, IReadOnlyList<RowFilter> RowFilters);

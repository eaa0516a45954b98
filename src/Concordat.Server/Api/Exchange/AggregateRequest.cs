namespace Concordat.Server.Api.Exchange;

/// <summary>Asks for counts (and sums) grouped by fields, under disclosure control.</summary>
/// <param name="AgreementId">The data sharing agreement relied on.</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="DatasetId">The provider's dataset.</param>
/// <param name="GroupBy">0 to 3 fields to group by.</param>
/// <param name="Sums">Numeric fields to sum per group (optional, at most 5).</param>
public sealed record AggregateRequest(string AgreementId, string Purpose, string DatasetId, IReadOnlyList<string>? GroupBy, IReadOnlyList<string>? Sums);

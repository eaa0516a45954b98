namespace Concordat.Core.Exchange;

/// <summary>What every exchange request names: the agreement it relies on, the purpose, the dataset and the fields.</summary>
/// <param name="AgreementId">The data sharing agreement.</param>
/// <param name="Purpose">The purpose code; must be the agreement's.</param>
/// <param name="DatasetId">The provider's dataset.</param>
/// <param name="Fields">The fields wanted; empty for every field the agreement shares.</param>
public sealed record ExchangeScope(string AgreementId, string Purpose, string DatasetId, IReadOnlyList<string> Fields);

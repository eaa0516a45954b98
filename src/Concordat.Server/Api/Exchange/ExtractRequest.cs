using Concordat.Core.Exchange;

namespace Concordat.Server.Api.Exchange;

/// <summary>Asks for a bulk extract of a dataset under an agreement.</summary>
/// <param name="AgreementId">The data sharing agreement relied on.</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="DatasetId">The provider's dataset.</param>
/// <param name="Format">csv, ndjson or parquet.</param>
/// <param name="Fields">Fields wanted; omit for every field the agreement shares.</param>
public sealed record ExtractRequest(string AgreementId, string Purpose, string DatasetId, ExtractFormat Format, IReadOnlyList<string>? Fields);

namespace Concordat.Server.Api.Exchange;

/// <summary>Asks for one person's permitted fields under an agreement.</summary>
/// <param name="AgreementId">The data sharing agreement relied on.</param>
/// <param name="Purpose">The purpose code, which must be the agreement's.</param>
/// <param name="DatasetId">The provider's dataset.</param>
/// <param name="Identifier">Who the request is about.</param>
/// <param name="Fields">Fields wanted; omit for every field the agreement shares.</param>
public sealed record LookupRequest(string AgreementId, string Purpose, string DatasetId, IdentifierRequest Identifier, IReadOnlyList<string>? Fields);

namespace Concordat.Server.Api.Exchange;

/// <summary>Claims to check against a person's record, e.g. <c>{ "givenName": "Ann", "dateOfBirth": "1950-02-01" }</c>.</summary>
/// <param name="AgreementId">The data sharing agreement relied on.</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="DatasetId">The provider's dataset.</param>
/// <param name="Identifier">Who the claims are about.</param>
/// <param name="Claims">Field name to claimed value; 1 to 20 claims, each on a field the agreement shares.</param>
public sealed record VerificationRequest(string AgreementId, string Purpose, string DatasetId, IdentifierRequest Identifier, IReadOnlyDictionary<string, string> Claims);

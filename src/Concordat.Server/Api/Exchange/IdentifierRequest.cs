using Concordat.Core.Catalogue;

namespace Concordat.Server.Api.Exchange;

/// <summary>Names one person by an identifier, e.g. <c>{ "kind": "nino", "value": "AB123456C" }</c>.</summary>
/// <param name="Kind">nino, nhsNumber, uprn, postcode, email or phone.</param>
/// <param name="Value">The identifier; spaces and case do not matter.</param>
public sealed record IdentifierRequest(IdentifierKind Kind, string Value);

namespace Concordat.Core.Exchange;

/// <summary>The authenticated consumer making an exchange request, from its access token.</summary>
/// <param name="ClientId">The API client.</param>
/// <param name="OrganisationId">The organisation the client acts for.</param>
/// <param name="TraceId">The request's trace id, recorded in the audit entry; null outside a request.</param>
public sealed record ExchangeCaller(string ClientId, string OrganisationId, string? TraceId);

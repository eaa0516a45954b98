namespace Concordat.Core.Exchange;

/// <summary>The authenticated consumer making an exchange request, from its access token.</summary>
/// <param name="ClientId">The API client.</param>
/// <param name="OrganisationId">The organisation the client acts for.</param>
/// <param name="TraceId">The request's trace id, recorded in the audit entry; null outside a request.</param>
public sealed record ExchangeCaller(string ClientId, string OrganisationId, string? TraceId)
{
    /// <summary>
    /// For a request another federation node forwarded: signs the answer before it is audited, so the entry carries
    /// the digests of the signed request and response. Null for a request made on this node's own API.
    /// </summary>
    public IExchangeSeal? Seal { get; init; }
}

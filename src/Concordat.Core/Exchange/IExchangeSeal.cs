using Concordat.Core.Audit;

namespace Concordat.Core.Exchange;

/// <summary>
/// Signs the answer to an exchange that another federation node forwarded, before it is audited: the exchange service
/// calls <see cref="Seal"/> exactly once per request, with the answer it is about to give, and records the evidence it
/// returns (the digests of the signed request and response) in the request's audit entry. The answer must then be sent
/// exactly as sealed.
/// </summary>
public interface IExchangeSeal
{
    /// <summary>Signs <paramref name="answer"/> and returns the evidence the audit entry records.</summary>
    ExchangeEvidence Seal(ExchangeAnswer answer);
}

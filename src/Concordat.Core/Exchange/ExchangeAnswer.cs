namespace Concordat.Core.Exchange;

/// <summary>
/// What an exchange request is about to answer, handed to an <see cref="IExchangeSeal"/> just before the audit entry
/// is appended: either the result (its audit index not yet known, so -1) or the errors of a refusal.
/// </summary>
/// <param name="Value">The result (<see cref="LookupResult"/>, <see cref="VerificationResult"/>, <see cref="AggregateResult"/> or <see cref="ExtractManifest"/>), or null for a refusal.</param>
/// <param name="Errors">The refusal's errors, or null when there is a result.</param>
public sealed record ExchangeAnswer(object? Value, IReadOnlyList<Error>? Errors)
{
    /// <summary>The answer to a refused request.</summary>
    public static ExchangeAnswer Refused(Error error) => new(null, [error]);
}

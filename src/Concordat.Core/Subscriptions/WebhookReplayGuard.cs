namespace Concordat.Core.Subscriptions;

/// <summary>
/// A receiver's defence against replay: verifies the signature (which bounds a message's age by the tolerance) and
/// then remembers each accepted <c>Idempotency-Key</c> until its signature could no longer pass the time check, so the same
/// notification is accepted once however often it arrives. A legitimate retry from the hub re-signs with a new time
/// but keeps its key, so it is recognised as already handled. Thread safe; memory is bounded by the keys accepted
/// within one tolerance window.
/// </summary>
public sealed class WebhookReplayGuard
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly string _secret;
    private readonly TimeSpan _tolerance;

    /// <summary>Creates a guard for one subscription's secret.</summary>
    /// <param name="secret">The signing secret shown when the subscription was created.</param>
    /// <param name="tolerance">How far a signed time may be from the receiver's clock; <see cref="WebhookSignature.DefaultTolerance"/> is sensible.</param>
    public WebhookReplayGuard(string secret, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        _secret = secret;
        _tolerance = tolerance;
    }

    /// <summary>
    /// Accepts a notification the first time it is seen with a valid, fresh signature; fails with the verification
    /// error, <c>webhook.no_idempotency_key</c>, or <c>webhook.replayed</c> when the key was already accepted.
    /// </summary>
    public Result<DateTimeOffset> Accept(string? signatureHeader, string? idempotencyKey, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var verified = WebhookSignature.Verify(_secret, signatureHeader, body, now, _tolerance);
        if (!verified.IsSuccess)
        {
            return verified;
        }

        if (string.IsNullOrEmpty(idempotencyKey) || idempotencyKey.Length > 200)
        {
            return Error.Validation("webhook.no_idempotency_key", "The Idempotency-Key header is missing or too long.");
        }

        lock (_lock)
        {
            foreach (var expired in _seen.Where(s => now > s.Value).Select(s => s.Key).ToList())
            {
                _seen.Remove(expired);
            }

            if (!_seen.TryAdd(idempotencyKey, verified.Value + _tolerance))
            {
                return Error.Conflict("webhook.replayed", "This notification was already accepted.");
            }
        }

        return verified;
    }
}

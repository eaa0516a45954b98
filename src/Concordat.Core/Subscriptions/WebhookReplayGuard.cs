namespace Concordat.Core.Subscriptions;

/// <summary>
/// A receiver's defence against replay: verifies the Standard Webhooks signature (which bounds a message's age by the
/// tolerance) and then remembers each accepted <c>webhook-id</c> until its signature could no longer pass the time
/// check, so the same notification is accepted once however often it arrives. A legitimate retry from the hub re-signs
/// with a new time but keeps its id, so it is recognised as already handled. Thread safe; memory is bounded by the ids
/// accepted within one tolerance window.
/// </summary>
public sealed class WebhookReplayGuard
{
    private const int MaxIdLength = 200;
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly string _secret;
    private readonly TimeSpan _tolerance;

    /// <summary>Creates a guard for one subscription's secret.</summary>
    /// <param name="secret">The signing secret shown when the subscription was created (<c>whsec_...</c>).</param>
    /// <param name="tolerance">How far a signed time may be from the receiver's clock; <see cref="WebhookSignature.DefaultTolerance"/> is the standard's.</param>
    public WebhookReplayGuard(string secret, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        var key = WebhookSignature.DecodeSecret(secret);
        if (!key.IsSuccess)
        {
            throw new ArgumentException(key.Errors[0].Message, nameof(secret));
        }

        _secret = secret;
        _tolerance = tolerance;
    }

    /// <summary>
    /// Accepts a notification the first time it is seen with a valid, fresh signature; fails with the verification
    /// error, or <c>webhook.replayed</c> when its <c>webhook-id</c> was already accepted.
    /// </summary>
    public Result<DateTimeOffset> Accept(string? messageId, string? timestamp, string? signatures, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (messageId is { Length: > MaxIdLength })
        {
            return Error.Validation("webhook.malformed_signature", "The webhook-id header is too long.");
        }

        var verified = WebhookSignature.Verify(_secret, messageId, timestamp, signatures, body, now, _tolerance);
        if (!verified.IsSuccess)
        {
            return verified;
        }

        lock (_lock)
        {
            foreach (var expired in _seen.Where(s => now > s.Value).Select(s => s.Key).ToList())
            {
                _seen.Remove(expired);
            }

            if (!_seen.TryAdd(messageId!, verified.Value + _tolerance))
            {
                return Error.Conflict("webhook.replayed", "This notification was already accepted.");
            }
        }

        return verified;
    }
}

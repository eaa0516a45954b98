using System.Net;

namespace Concordat.Core.Subscriptions;

/// <summary>
/// Checks a subscription's callback URL: absolute https with a host and no user info or fragment; plain http only to
/// a loopback host and only when <c>allowLoopbackHttp</c> is set (development and tests). A literal IP address must
/// pass <see cref="WebhookAddresses.IsAllowed"/>; names are checked again on every connection. Pure.
/// </summary>
public static class CallbackUrlPolicy
{
    /// <summary>Longest callback URL accepted, in characters.</summary>
    public const int MaxLength = 2048;

    /// <summary>The parsed URL, or a validation error saying what is wrong with it.</summary>
    public static Result<Uri> Check(string? url, bool allowLoopbackHttp)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return Invalid($"callbackUrl must be an absolute https URL of at most {MaxLength} characters.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return Invalid("callbackUrl must use https.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return Invalid("callbackUrl must not carry user info; authenticate the hub by the signature instead.");
        }

        if (uri.Fragment.Length > 0 || uri.Host.Length == 0)
        {
            return Invalid("callbackUrl must have a host and no fragment.");
        }

        var loopback = uri.IsLoopback;
        if (uri.Scheme == Uri.UriSchemeHttp && !(loopback && allowLoopbackHttp))
        {
            return Invalid("callbackUrl must use https (plain http is allowed only to loopback in development).");
        }

        if (loopback && !allowLoopbackHttp)
        {
            return Invalid("callbackUrl must not point at the hub's own machine.");
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(uri.DnsSafeHost, out var address)
            && !WebhookAddresses.IsAllowed(address, allowLoopbackHttp))
        {
            return Invalid("callbackUrl must not point at a private, link-local or reserved address.");
        }

        return uri;
    }

    private static Error Invalid(string message) => Error.Validation("subscription.invalid_callback_url", message, "callbackUrl");
}

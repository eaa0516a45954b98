using System.Net;
using System.Net.Sockets;

namespace Concordat.Core.Subscriptions;

/// <summary>
/// Which network addresses the hub may post webhooks to (its SSRF stance): public unicast addresses only, so a
/// callback cannot reach the hub itself, cloud metadata, or a department's internal network; loopback only when
/// explicitly allowed for development and tests. Checked on the literal host at subscription time and on every
/// resolved address at connection time (so a DNS name that later resolves inward is refused too). Pure.
/// </summary>
public static class WebhookAddresses
{
    /// <summary>True when a webhook may connect to <paramref name="address"/>.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            var uniqueLocal = (bytes[0] & 0xFE) == 0xFC;
            return !(address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || uniqueLocal);
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 0                                  // "this" network
            || b[0] == 10                                   // RFC 1918
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)   // carrier-grade NAT
            || (b[0] == 169 && b[1] == 254)                 // link local, cloud metadata
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)    // RFC 1918
            || (b[0] == 192 && b[1] == 168)                 // RFC 1918
            || (b[0] == 198 && (b[1] == 18 || b[1] == 19))  // benchmarking
            || b[0] >= 224);                                // multicast, reserved, broadcast
    }
}

using System.Net;
using System.Net.Sockets;

namespace Concordat.Core.Audit;

/// <summary>
/// Counts refused requests in memory per kind, caller and one-minute window, bounded: a window keeps at most
/// <see cref="MaxPartitionsPerWindow"/> callers of each kind and counts the rest together as <c>other</c>, so an
/// attacker with many addresses grows neither memory nor the store beyond that. Finished windows are taken with
/// <see cref="Drain"/> and written to an <see cref="ISecurityEventStore"/>. Thread safe.
/// </summary>
public sealed class SecurityEventTally
{
    /// <summary>The length of a window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Most distinct callers of one kind kept per window; the rest are counted as <c>other</c>.</summary>
    public const int MaxPartitionsPerWindow = 256;

    /// <summary>The partition that takes every caller beyond <see cref="MaxPartitionsPerWindow"/>.</summary>
    public const string Overflow = "other";

    private readonly Lock _lock = new();
    private readonly Dictionary<(DateTimeOffset Window, SecurityEventKind Kind), Dictionary<string, (string? Organisation, long Count)>> _windows = [];

    /// <summary>The partition of an authenticated client.</summary>
    public static string ClientPartition(string clientId) => "client:" + AuditEntry.Bound(clientId);

    /// <summary>The partition of an address: IPv4 as it is, IPv6 as its /64 network (one host's usual share), unknown as <c>address:unknown</c>.</summary>
    public static string AddressPartition(IPAddress? address)
    {
        if (address is null)
        {
            return "address:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "address:" + address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return "address:" + new IPAddress(bytes) + "/64";
    }

    /// <summary>Counts one request of <paramref name="kind"/> by <paramref name="partition"/> at <paramref name="at"/>.</summary>
    public void Count(SecurityEventKind kind, string partition, string? organisationId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        var window = Start(at);
        lock (_lock)
        {
            if (!_windows.TryGetValue((window, kind), out var callers))
            {
                callers = new Dictionary<string, (string?, long)>(StringComparer.Ordinal);
                _windows.Add((window, kind), callers);
            }

            if (!callers.ContainsKey(partition) && callers.Count >= MaxPartitionsPerWindow)
            {
                partition = Overflow;
                organisationId = null;
            }

            callers[partition] = callers.TryGetValue(partition, out var current) ? (current.Organisation, current.Count + 1) : (AuditEntry.Bound(organisationId), 1);
        }
    }

    /// <summary>Puts back counts that were drained but could not be written, so they are written with the next drain.</summary>
    public void Restore(SecurityEvent drained)
    {
        ArgumentNullException.ThrowIfNull(drained);
        lock (_lock)
        {
            if (!_windows.TryGetValue((drained.WindowStart, drained.Kind), out var callers))
            {
                callers = new Dictionary<string, (string?, long)>(StringComparer.Ordinal);
                _windows.Add((drained.WindowStart, drained.Kind), callers);
            }

            callers[drained.Partition] = callers.TryGetValue(drained.Partition, out var current)
                ? (current.Organisation, current.Count + drained.Count)
                : (drained.OrganisationId, drained.Count);
        }
    }

    /// <summary>Removes and returns the counts of every window that started before <paramref name="before"/>.</summary>
    public IReadOnlyList<SecurityEvent> Drain(DateTimeOffset before)
    {
        var drained = new List<SecurityEvent>();
        lock (_lock)
        {
            foreach (var key in _windows.Keys.Where(k => k.Window < before).ToList())
            {
                foreach (var (partition, (organisation, count)) in _windows[key])
                {
                    drained.Add(new SecurityEvent(key.Window, key.Kind, partition, organisation, count));
                }

                _windows.Remove(key);
            }
        }

        return drained;
    }

    /// <summary>The start of the window holding <paramref name="at"/>.</summary>
    public static DateTimeOffset Start(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % Window.Ticks), TimeSpan.Zero);
    }
}

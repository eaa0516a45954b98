using System.Collections.Concurrent;
using System.Net;
using Concordat.Server.Hosting;

namespace Concordat.Server.Federation;

/// <summary>
/// Counts refusals on the federation listener (TLS refused, a member refused, a token presented without its
/// certificate) per code and caller, aggregated rather than one audit entry each (DESIGN.md, "What is audited": a
/// flood of refusals must not grow the append-only log). The counts are also the
/// <c>concordat.federation.refusals</c> metric. Bounded: at most <see cref="MaxCallers"/> callers are told apart, the
/// rest count as <c>other</c>. Thread safe.
/// </summary>
public sealed class FederationRefusals
{
    /// <summary>Most distinct (code, caller) pairs kept; beyond it callers are counted as <c>other</c>.</summary>
    public const int MaxCallers = 1024;

    private readonly ConcurrentDictionary<(string Code, string Caller), long> _counts = new();

    /// <summary>Counts one refusal.</summary>
    /// <param name="code">The refusal's code, e.g. <c>federation.token_not_bound</c>.</param>
    /// <param name="address">The caller's address, when known.</param>
    /// <param name="organisationId">The caller's organisation, when its certificate proved one.</param>
    public void Count(string code, IPAddress? address, string? organisationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var caller = organisationId is not null ? "organisation:" + organisationId : "address:" + (address?.ToString() ?? "unknown");
        if (_counts.Count >= MaxCallers && !_counts.ContainsKey((code, caller)))
        {
            caller = "other";
        }

        _counts.AddOrUpdate((code, caller), 1, (_, count) => count + 1);
        ConcordatTelemetry.FederationRefusals.Add(1, new KeyValuePair<string, object?>("concordat.code", code));
    }

    /// <summary>The counts so far, by code and caller.</summary>
    public IReadOnlyDictionary<(string Code, string Caller), long> Counts() => new Dictionary<(string, string), long>(_counts);
}

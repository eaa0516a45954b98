namespace Concordat.Server.Api.Audit;

/// <summary>
/// How many audit entries the current request has appended, whichever code appended them (the exchange services in
/// Core append directly). Flows with the request's async context from <see cref="DataRouteAuditMiddleware"/>, which
/// opens it, through <see cref="TrackingAuditLog"/>, which counts. Thread safe.
/// </summary>
internal sealed class RequestAuditCount
{
    private static readonly AsyncLocal<RequestAuditCount?> CurrentValue = new();
    private int _count;

    /// <summary>The count of the request running in this async context, or null outside a data route.</summary>
    public static RequestAuditCount? Current => CurrentValue.Value;

    /// <summary>Entries appended so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Starts counting for the request running in this async context.</summary>
    public static RequestAuditCount Begin() => CurrentValue.Value = new RequestAuditCount();

    /// <summary>Records one appended entry.</summary>
    public void Add() => Interlocked.Increment(ref _count);
}

namespace Concordat.Server.Api.Audit;

/// <summary>
/// Marks a data route: every request that reaches it with a valid token gets exactly one audit entry, written by the
/// handler or, when the request never got that far (a malformed body, an unknown property, a wrong content type, a
/// body over the limit, a missing role), by <see cref="DataRouteAuditMiddleware"/> with the refusal's code.
/// </summary>
/// <param name="Action">The action the route's entries record, e.g. <c>lookup</c>.</param>
public sealed record AuditedRouteMetadata(string Action);

namespace Concordat.Core.Subscriptions;

/// <summary>
/// A dispatcher's claim on webhook deliveries, so that several hub nodes over one database send each delivery once.
/// </summary>
/// <param name="Claimant">The claiming dispatcher (one per process), short and free of personal data.</param>
/// <param name="Now">The dispatcher's clock now (UTC): what is due, and which other claims have lapsed, is judged by it.</param>
/// <param name="Until">When the claim lapses if it is not renewed or released (a node that died frees its lanes then).</param>
public sealed record DeliveryClaim(string Claimant, DateTimeOffset Now, DateTimeOffset Until);

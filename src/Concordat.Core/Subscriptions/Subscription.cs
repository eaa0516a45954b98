namespace Concordat.Core.Subscriptions;

/// <summary>
/// A consumer's standing request to be told when records of a provider's dataset change or are deleted, under one
/// agreement and purpose. Its signing secret is kept sealed by the store and never appears here.
/// </summary>
/// <param name="Id">The subscription id (<c>sub_</c> and 24 hex digits).</param>
/// <param name="ClientId">The API client that created it.</param>
/// <param name="OrganisationId">The consumer organisation; only it may see or delete the subscription.</param>
/// <param name="AgreementId">The agreement every notification is decided under.</param>
/// <param name="Purpose">The purpose code named on every decision.</param>
/// <param name="DatasetId">The provider's dataset watched.</param>
/// <param name="Events">The events wanted: <see cref="ChangeEvents.Changed"/> and/or <see cref="ChangeEvents.Deleted"/>.</param>
/// <param name="CallbackUrl">Where notifications are posted (checked by <see cref="CallbackUrlPolicy"/>).</param>
/// <param name="Fields">The fields wanted; empty for every field the agreement shares.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
public sealed record Subscription(
    string Id,
    string ClientId,
    string OrganisationId,
    string AgreementId,
    string Purpose,
    string DatasetId,
    IReadOnlyList<string> Events,
    Uri CallbackUrl,
    IReadOnlyList<string> Fields,
    DateTimeOffset CreatedAt);

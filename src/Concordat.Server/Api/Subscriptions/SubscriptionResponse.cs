using Concordat.Core.Subscriptions;

namespace Concordat.Server.Api.Subscriptions;

/// <summary>A subscription as listed; the signing secret is never shown again after creation.</summary>
/// <param name="Id">The subscription id.</param>
/// <param name="AgreementId">The agreement notifications are decided under.</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="DatasetId">The dataset watched.</param>
/// <param name="Events">The events wanted.</param>
/// <param name="CallbackUrl">Where notifications are posted.</param>
/// <param name="Fields">The fields wanted; empty for every field the agreement shares.</param>
/// <param name="CreatedBy">The client that created it.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
public sealed record SubscriptionResponse(
    string Id, string AgreementId, string Purpose, string DatasetId, IReadOnlyList<string> Events, string CallbackUrl,
    IReadOnlyList<string> Fields, string CreatedBy, DateTimeOffset CreatedAt)
{
    internal static SubscriptionResponse From(Subscription s) =>
        new(s.Id, s.AgreementId, s.Purpose, s.DatasetId, s.Events, s.CallbackUrl.AbsoluteUri, s.Fields, s.ClientId, s.CreatedAt);
}

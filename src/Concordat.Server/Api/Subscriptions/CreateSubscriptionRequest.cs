namespace Concordat.Server.Api.Subscriptions;

/// <summary>Subscribes to changes in a provider's dataset under an agreement.</summary>
/// <param name="AgreementId">The data sharing agreement relied on.</param>
/// <param name="Purpose">The purpose code, which must be the agreement's.</param>
/// <param name="DatasetId">The provider's dataset.</param>
/// <param name="Events"><c>changed</c> and/or <c>deleted</c>.</param>
/// <param name="CallbackUrl">Where notifications are posted: https (http to loopback only in development).</param>
/// <param name="Fields">Fields wanted; omit for every field the agreement shares.</param>
public sealed record CreateSubscriptionRequest(
    string AgreementId, string Purpose, string DatasetId, IReadOnlyList<string> Events, string CallbackUrl, IReadOnlyList<string>? Fields);

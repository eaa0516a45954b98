namespace Concordat.Core.Subscriptions;

/// <summary>What a consumer asks for when it subscribes to changes.</summary>
/// <param name="AgreementId">The agreement relied on.</param>
/// <param name="Purpose">The purpose code; must be the agreement's.</param>
/// <param name="DatasetId">The provider's dataset.</param>
/// <param name="Events">One or both of <see cref="ChangeEvents.Changed"/> and <see cref="ChangeEvents.Deleted"/>.</param>
/// <param name="CallbackUrl">The absolute URL notifications are posted to.</param>
/// <param name="Fields">Fields wanted; empty for every field the agreement shares.</param>
public sealed record SubscriptionRequest(
    string? AgreementId,
    string? Purpose,
    string? DatasetId,
    IReadOnlyList<string>? Events,
    string? CallbackUrl,
    IReadOnlyList<string>? Fields);

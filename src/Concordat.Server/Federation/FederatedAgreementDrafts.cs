using Concordat.Core;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Exchange;
using Concordat.Core.Governance;
using Concordat.Server.Api.Agreements;

namespace Concordat.Server.Federation;

/// <summary>
/// The provider node's side of an agreement drafted at a consumer's node: the draft arrives as a signed request over
/// mutual TLS (checked like any forwarded exchange), is validated against this node's catalogue, stored and submitted
/// for approval in the calling member's name, and answered with a signed response; this node audits it with the
/// digests of both messages. Approval then follows this node's own workflow (its steward and DPO). Thread safe.
/// </summary>
internal sealed class FederatedAgreementDrafts
{
    private readonly AgreementService _agreements;
    private readonly FederationConfigurationService _configuration;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;

    public FederatedAgreementDrafts(AgreementService agreements, FederationConfigurationService configuration, IAuditLog audit, TimeProvider time)
    {
        _agreements = agreements;
        _configuration = configuration;
        _audit = audit;
        _time = time;
    }

    /// <summary>
    /// Drafts and submits the agreement a member's node sent for its client, seals the answer through
    /// <paramref name="caller"/>'s seal and audits it. The member is <paramref name="caller"/>'s organisation (the one
    /// its certificate proves); it may draft only as the consumer, and only with this node's organisation as provider.
    /// </summary>
    public async Task DraftAsync(ExchangeCaller caller, CreateAgreementRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var seal = caller.Seal ?? throw new InvalidOperationException("A draft from another node is always sealed.");
        var result = await DraftCoreAsync(caller, request, cancellationToken);
        var evidence = seal.Seal(result.IsSuccess ? new ExchangeAnswer(result.Value, null) : new ExchangeAnswer(null, result.Errors));
        var terms = request.Terms;
        await _audit.AppendAsync(new AuditEntry
        {
            Time = _time.GetUtcNow(),
            ClientId = caller.ClientId,
            OrganisationId = caller.OrganisationId,
            AgreementId = request.Id,
            Purpose = string.IsNullOrEmpty(terms?.PurposeCode) ? "" : PurposeCodes.IsKnown(terms.PurposeCode) ? terms.PurposeCode : AuditEntry.Withheld,
            Action = FederatedExchangeForwarder.AgreementDraftAction,
            DatasetId = terms?.Datasets is { Count: > 0 } datasets ? datasets[0]?.DatasetId : null,
            Outcome = result.IsSuccess ? AuditOutcome.Permitted : AuditOutcome.Denied,
            ReasonCode = result.IsSuccess ? null : result.Errors[0].Code,
            TraceId = caller.TraceId,
            Evidence = evidence,
        }, cancellationToken);
    }

    private async Task<Result<Agreement>> DraftCoreAsync(ExchangeCaller caller, CreateAgreementRequest request, CancellationToken cancellationToken)
    {
        if (request.Terms is not { } terms)
        {
            return Error.Validation("request.required", "terms is required.", "terms");
        }

        // A node speaks for its own organisation only: it cannot draft in another member's name, nor for a provider
        // other than this node's organisation (that provider's own node decides).
        if (!string.Equals(terms.ConsumerOrganisationId, caller.OrganisationId, StringComparison.Ordinal))
        {
            return Error.Forbidden("federation.not_consumer", $"A member's node may draft only as the consumer: '{caller.OrganisationId}' sent a draft naming '{terms.ConsumerOrganisationId}' as consumer.");
        }

        if (!string.Equals(terms.ProviderOrganisationId, _configuration.OrganisationId, StringComparison.Ordinal))
        {
            return Error.Validation("federation.not_provider", $"This node drafts only agreements with '{_configuration.OrganisationId}' as provider.", "terms.providerOrganisationId");
        }

        var members = _configuration.Current?.Configuration;
        var actor = new AgreementActor(caller.ClientId, caller.OrganisationId, ClientRole.Consumer);
        var drafted = await _agreements.DraftAsync(request.Id, terms, actor, request.Reason, o => members?.FindMember(o) is not null, cancellationToken);
        if (!drafted.IsSuccess)
        {
            return drafted;
        }

        return await _agreements.SubmitAsync(drafted.Value.Id, actor, $"Submitted for approval from the node of '{caller.OrganisationId}'.", cancellationToken);
    }
}

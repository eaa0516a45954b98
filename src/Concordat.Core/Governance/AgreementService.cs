using Concordat.Core.Catalogue;
using Concordat.Core.Keys;

namespace Concordat.Core.Governance;

/// <summary>
/// Agreements end to end: validates drafts against the catalogue, applies the workflow, keeps the history, creates
/// and rotates pseudonymisation keys (sealed under the master key), records consent and answers policy decisions with
/// the stored agreement and consent at the injected clock. Thread safe.
/// </summary>
public sealed class AgreementService
{
    private readonly IAgreementStore _agreements;
    private readonly IPseudonymKeyStore _keys;
    private readonly IConsentStore _consents;
    private readonly ICatalogueStore _catalogue;
    private readonly KeySealer _sealer;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    public AgreementService(IAgreementStore agreements, IPseudonymKeyStore keys, IConsentStore consents, ICatalogueStore catalogue, KeySealer sealer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(time);
        _agreements = agreements;
        _keys = keys;
        _consents = consents;
        _catalogue = catalogue;
        _sealer = sealer;
        _time = time;
    }

    /// <summary>The sealing purpose of an agreement's pseudonymisation key.</summary>
    public static string KeyPurpose(string keyId) => "concordat/pseudonym/" + keyId;

    /// <summary>Validates a draft and stores it as a new agreement.</summary>
    public Task<Result<Agreement>> DraftAsync(string id, AgreementDraft draft, AgreementActor actor, string? reason, CancellationToken cancellationToken) =>
        DraftAsync(id, draft, actor, reason, static _ => false, cancellationToken);

    /// <summary>
    /// Validates a draft and stores it as a new agreement, counting as registered both the organisations in this hub's
    /// catalogue and those <paramref name="knownElsewhere"/> accepts (the members of a federation, whose consumer
    /// organisation a provider's node need not hold). Datasets are always this hub's own.
    /// </summary>
    public async Task<Result<Agreement>> DraftAsync(string id, AgreementDraft draft, AgreementActor actor, string? reason, Func<string, bool> knownElsewhere, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knownElsewhere);
        var terms = await ValidateAsync(draft, knownElsewhere, cancellationToken);
        if (!terms.IsSuccess)
        {
            return Result<Agreement>.Failure(terms.Errors);
        }

        var transition = AgreementWorkflow.Draft(id, terms.Value, actor, _time.GetUtcNow(), reason);
        return transition.IsSuccess ? await _agreements.CreateAsync(transition.Value, cancellationToken) : Result<Agreement>.Failure(transition.Errors);
    }

    /// <summary>Validates new terms and stores them as the agreement's next version.</summary>
    public async Task<Result<Agreement>> AmendAsync(string id, AgreementDraft draft, AgreementActor actor, string? reason, CancellationToken cancellationToken)
    {
        var terms = await ValidateAsync(draft, static _ => false, cancellationToken);
        if (!terms.IsSuccess)
        {
            return Result<Agreement>.Failure(terms.Errors);
        }

        return await TransitionAsync(id, (a, now) => AgreementWorkflow.Amend(a, terms.Value, actor, now, reason), cancellationToken);
    }

    /// <summary>Submits a draft for approval.</summary>
    public Task<Result<Agreement>> SubmitAsync(string id, AgreementActor actor, string? reason, CancellationToken cancellationToken) =>
        TransitionAsync(id, (a, now) => AgreementWorkflow.Submit(a, actor, now, reason), cancellationToken);

    /// <summary>Records an approval; the second approval of a pseudonymised agreement creates its first key.</summary>
    public async Task<Result<Agreement>> ApproveAsync(string id, ApprovalRole role, AgreementActor actor, string? reason, CancellationToken cancellationToken)
    {
        var approved = await TransitionAsync(id, (a, now) => AgreementWorkflow.Approve(a, role, actor, now, reason), cancellationToken);
        if (approved.IsSuccess && approved.Value.Status is AgreementStatus.Approved or AgreementStatus.Active
            && approved.Value.Terms.DisclosureMode == DisclosureMode.Pseudonymised && approved.Value.PseudonymKeyId is null)
        {
            return await NewKeyAsync(approved.Value, actor, "First pseudonymisation key created on approval.", cancellationToken);
        }

        return approved;
    }

    /// <summary>Refuses approval in one role with a reason: the agreement goes back to draft for its parties to amend.</summary>
    public Task<Result<Agreement>> RejectAsync(string id, ApprovalRole role, AgreementActor actor, string? reason, CancellationToken cancellationToken) =>
        TransitionAsync(id, (a, now) => AgreementWorkflow.Reject(a, role, actor, now, reason), cancellationToken);

    /// <summary>Suspends an agreement.</summary>
    public Task<Result<Agreement>> SuspendAsync(string id, AgreementActor actor, string? reason, CancellationToken cancellationToken) =>
        TransitionAsync(id, (a, now) => AgreementWorkflow.Suspend(a, actor, now, reason), cancellationToken);

    /// <summary>Resumes a suspended agreement.</summary>
    public Task<Result<Agreement>> ResumeAsync(string id, AgreementActor actor, string? reason, CancellationToken cancellationToken) =>
        TransitionAsync(id, (a, now) => AgreementWorkflow.Resume(a, actor, now, reason), cancellationToken);

    /// <summary>Revokes an agreement.</summary>
    public Task<Result<Agreement>> RevokeAsync(string id, AgreementActor actor, string? reason, CancellationToken cancellationToken) =>
        TransitionAsync(id, (a, now) => AgreementWorkflow.Revoke(a, actor, now, reason), cancellationToken);

    /// <summary>An agreement with its status brought up to the clock (and stored so); null when unknown.</summary>
    public async Task<Agreement?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var agreement = await _agreements.GetAsync(id, cancellationToken);
        return agreement is null ? null : await SettleAsync(agreement, cancellationToken);
    }

    /// <summary>Agreements with their status brought up to the clock; optionally only those of one party.</summary>
    public async Task<IReadOnlyList<Agreement>> ListAsync(string? organisationId, CancellationToken cancellationToken)
    {
        var list = new List<Agreement>();
        foreach (var agreement in await _agreements.ListAsync(organisationId, cancellationToken))
        {
            list.Add(await SettleAsync(agreement, cancellationToken));
        }

        return list;
    }

    /// <summary>The history of an agreement, oldest first.</summary>
    public Task<IReadOnlyList<AgreementChange>> HistoryAsync(string id, CancellationToken cancellationToken) => _agreements.HistoryAsync(id, cancellationToken);

    /// <summary>The terms of a past version, or null.</summary>
    public Task<AgreementTerms?> GetVersionAsync(string id, int version, CancellationToken cancellationToken) => _agreements.GetVersionAsync(id, version, cancellationToken);

    /// <summary>The keys of an agreement (metadata only).</summary>
    public Task<IReadOnlyList<PseudonymKey>> KeysAsync(string id, CancellationToken cancellationToken) => _keys.ListAsync(id, cancellationToken);

    /// <summary>
    /// Rotates the pseudonymisation key: a new key becomes current, the old one is retired but kept so the provider can
    /// still resolve tokens made under it. The provider's steward or data protection officer, with a reason.
    /// </summary>
    public async Task<Result<Agreement>> RotateKeyAsync(string id, AgreementActor actor, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var agreement = await GetAsync(id, cancellationToken);
        if (agreement is null)
        {
            return NotFound(id);
        }

        if (ProviderOfficerProblem(agreement, actor, "rotate the key of") is { } problem)
        {
            return problem;
        }

        if (agreement.Terms.DisclosureMode != DisclosureMode.Pseudonymised || agreement.PseudonymKeyId is null)
        {
            return Error.Conflict("agreement.no_key", $"Agreement '{id}' has no pseudonymisation key: it is not an approved pseudonymised agreement.");
        }

        if (agreement.Status is AgreementStatus.Revoked or AgreementStatus.Expired)
        {
            return Error.Conflict("agreement.invalid_transition", $"Agreement '{id}' has ended; its keys are kept only for re-identification.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Error.Validation("agreement.reason_required", "reason is required: say why, for the agreement's history.", "reason");
        }

        return await NewKeyAsync(agreement, actor, reason, cancellationToken);
    }

    /// <summary>The key bytes of a key id (current or retired), for the exchange to tokenise with; null when unknown.</summary>
    public async Task<byte[]?> UnsealKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var found = await _keys.GetAsync(keyId, cancellationToken);
        return found is { } key ? _sealer.Unseal(key.Sealed, KeyPurpose(key.Key.KeyId)) : null;
    }

    /// <summary>
    /// Re-identification by the provider under a logged procedure: resolves <paramref name="token"/> (made under
    /// <paramref name="keyId"/>, current or retired) against the provider's candidate values, and records who, when and
    /// why in the agreement's history. The provider's data protection officer only.
    /// </summary>
    public async Task<Result<IReadOnlyList<string>>> ReidentifyAsync(
        string id, string keyId, string token, IEnumerable<string> candidates, AgreementActor actor, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var agreement = await GetAsync(id, cancellationToken);
        if (agreement is null)
        {
            return Result<IReadOnlyList<string>>.Failure(NotFound(id));
        }

        if (!actor.IsOf(agreement.Terms.ProviderOrganisationId) || !actor.Roles.HasFlag(ClientRole.Dpo))
        {
            return Result<IReadOnlyList<string>>.Failure(Error.Forbidden("agreement.reidentify_dpo_only", "Only the provider's data protection officer may re-identify pseudonyms."));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result<IReadOnlyList<string>>.Failure(Error.Validation("agreement.reason_required", "reason is required: say why, for the agreement's history.", "reason"));
        }

        var key = await _keys.GetAsync(keyId, cancellationToken);
        if (key is null || !string.Equals(key.Value.Key.AgreementId, id, StringComparison.Ordinal))
        {
            return Result<IReadOnlyList<string>>.Failure(Error.NotFound("agreement.key_not_found", $"Agreement '{id}' has no key '{keyId}'."));
        }

        var bytes = _sealer.Unseal(key.Value.Sealed, KeyPurpose(keyId));
        var matches = Pseudonymiser.Resolve(bytes, token, candidates);
        var now = _time.GetUtcNow();
        var logged = agreement with { Revision = agreement.Revision + 1, UpdatedAt = now };
        var change = new AgreementChange(id, logged.Revision, logged.Version, AgreementAction.Reidentified, actor.ClientId, actor.OrganisationId, now,
            $"{reason.Trim()} (key {keyId}, {matches.Count} match(es))", logged.Status);
        var saved = await _agreements.SaveAsync(new AgreementTransition(logged, change), agreement.Revision, cancellationToken);
        return saved.IsSuccess ? Result<IReadOnlyList<string>>.Success(matches) : Result<IReadOnlyList<string>>.Failure(saved.Errors);
    }

    /// <summary>
    /// Decides a request with the stored agreement and, when <paramref name="subjectId"/> names one person, their
    /// consent, at the injected clock. The exchange calls this on every request.
    /// </summary>
    public async Task<PolicyDecision> DecideAsync(
        string clientId, string organisationId, string agreementId, string datasetId, IReadOnlyList<string> fields, string purposeCode, string? subjectId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var agreement = await _agreements.GetAsync(agreementId, cancellationToken);
        var consent = SubjectConsent.NotApplicable;
        // Consent is looked up only where it is the basis: the engine ignores it otherwise, and it costs a query.
        var reliesOnConsent = agreement is not null
            && (agreement.Terms.LawfulBasis == LawfulBasis.Consent || agreement.Terms.SpecialCategoryCondition == SpecialCategoryCondition.ExplicitConsent);
        if (reliesOnConsent && subjectId is not null)
        {
            var record = await _consents.GetCurrentAsync(agreementId, subjectId, cancellationToken);
            consent = record?.StateAt(now) ?? SubjectConsent.NotRecorded;
        }

        return PolicyEngine.Decide(new PolicyRequest(clientId, organisationId, agreement, datasetId, fields, purposeCode, now, consent));
    }

    private async Task<Result<Agreement>> NewKeyAsync(Agreement agreement, AgreementActor actor, string reason, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var existing = await _keys.ListAsync(agreement.Id, cancellationToken);
        var keyId = "pk-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var bytes = Pseudonymiser.NewKey();
        var sealedKey = _sealer.Seal(bytes, KeyPurpose(keyId));
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        var added = await _keys.AddCurrentAsync(new PseudonymKey(keyId, agreement.Id, existing.Count + 1, now, null), sealedKey, cancellationToken);
        if (!added.IsSuccess)
        {
            return Result<Agreement>.Failure(added.Errors);
        }

        var next = agreement with { PseudonymKeyId = keyId, Revision = agreement.Revision + 1, UpdatedAt = now };
        var change = new AgreementChange(agreement.Id, next.Revision, next.Version, AgreementAction.KeyRotated, actor.ClientId, actor.OrganisationId, now,
            $"{reason.Trim()} (key {keyId}, version {existing.Count + 1})", next.Status);
        var saved = await _agreements.SaveAsync(new AgreementTransition(next, change), agreement.Revision, cancellationToken);
        return saved.IsSuccess ? await SettleAsync(saved.Value, cancellationToken) : saved;
    }

    private async Task<Result<Agreement>> TransitionAsync(string id, Func<Agreement, DateTimeOffset, Result<AgreementTransition>> step, CancellationToken cancellationToken)
    {
        var agreement = await GetAsync(id, cancellationToken);
        if (agreement is null)
        {
            return NotFound(id);
        }

        var transition = step(agreement, _time.GetUtcNow());
        if (!transition.IsSuccess)
        {
            return Result<Agreement>.Failure(transition.Errors);
        }

        var saved = await _agreements.SaveAsync(transition.Value, agreement.Revision, cancellationToken);
        return saved.IsSuccess ? await SettleAsync(saved.Value, cancellationToken) : saved;
    }

    private async Task<Agreement> SettleAsync(Agreement agreement, CancellationToken cancellationToken)
    {
        var settled = AgreementWorkflow.Settle(agreement, _time.GetUtcNow());
        if (settled is null)
        {
            return agreement;
        }

        var saved = await _agreements.SaveAsync(settled, agreement.Revision, cancellationToken);
        return saved.IsSuccess ? saved.Value : (await _agreements.GetAsync(agreement.Id, cancellationToken)) ?? settled.Agreement;
    }

    private async Task<Result<AgreementTerms>> ValidateAsync(AgreementDraft draft, Func<string, bool> knownElsewhere, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var datasets = new Dictionary<string, Dataset>(StringComparer.Ordinal);
        foreach (var entry in draft.Datasets ?? [])
        {
            if (entry?.DatasetId is { Length: > 0 } datasetId && !datasets.ContainsKey(datasetId)
                && await _catalogue.GetDatasetAsync(datasetId, cancellationToken) is { } dataset)
            {
                datasets[datasetId] = dataset;
            }
        }

        var organisations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var organisationId in new[] { draft.ProviderOrganisationId, draft.ConsumerOrganisationId })
        {
            if (organisationId is { Length: > 0 } && await _catalogue.GetOrganisationAsync(organisationId, cancellationToken) is not null)
            {
                organisations.Add(organisationId);
            }
        }

        return AgreementValidator.Validate(draft, datasets.GetValueOrDefault, o => organisations.Contains(o) || knownElsewhere(o));
    }

    private static Error? ProviderOfficerProblem(Agreement agreement, AgreementActor actor, string verb) =>
        actor.IsOf(agreement.Terms.ProviderOrganisationId) && (actor.Roles & (ClientRole.Steward | ClientRole.Dpo)) != 0
            ? null
            : Error.Forbidden("agreement.provider_only", $"Only the provider's steward or data protection officer may {verb} this agreement.");

    private static Error NotFound(string id) => Error.NotFound("agreement.not_found", $"No agreement '{id}'.");
}

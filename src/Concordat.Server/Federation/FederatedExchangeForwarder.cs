using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core;
using Concordat.Core.Audit;
using Concordat.Core.Catalogue;
using Concordat.Core.Exchange;
using Concordat.Core.Federation;
using Concordat.Core.Governance;
using Concordat.Core.Standards;
using Concordat.Server.Api;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>
/// The consumer node's side of an exchange across nodes: when a request on this node's <c>/api/v1/exchange</c> names a
/// dataset as <c>ORGANISATION:DATASET</c> held by another member, the request is signed by this node and forwarded
/// over mutual TLS with a bound token to that member's node, which decides and answers. The signed answer is checked
/// (the provider's listed certificate, this request's digest, the body's digest), audited here with both digests, and
/// given to the client as the provider gave it, with this node's audit index; a refusal comes back as the same problem.
/// Thread safe; one per node.
/// </summary>
public sealed class FederatedExchangeForwarder
{
    /// <summary>The request header carrying the base64 of the signed request message.</summary>
    public const string RequestHeader = "Concordat-Signed-Request";

    /// <summary>The response header carrying the base64 of the signed response message.</summary>
    public const string ResponseHeader = "Concordat-Signed-Response";

    /// <summary>The response header carrying the base64 DER of the certificate that signed the response.</summary>
    public const string CertificateHeader = "Concordat-Node-Certificate";

    /// <summary>Longest answer read from a provider node, in bytes.</summary>
    public const int MaxAnswerBytes = 4 * 1024 * 1024;

    /// <summary>The forwarded exchange paths under <c>/federation/v1/exchange/</c> and the action each audits as.</summary>
    internal static readonly IReadOnlyList<(string Path, string Action)> Paths = [("lookups", "lookup"), ("verifications", "verify"), ("aggregates", "aggregate")];

    /// <summary>The action of a draft agreement sent to the provider's node, and its path under <c>/federation/v1/</c>.</summary>
    internal const string AgreementDraftAction = "agreement-draft";

    /// <summary>The path, under <c>/federation/v1/</c>, that a draft agreement is sent to.</summary>
    internal const string AgreementDraftPath = "agreements";

    private readonly FederationClient _client;
    private readonly FederationConfigurationService _configuration;
    private readonly FederationNodeCertificate _node;
    private readonly IAuditLog _audit;
    private readonly FederationMessageLog _messages;
    private readonly SubjectKeyer _subjects;
    private readonly JsonSerializerOptions _json;
    private readonly TimeProvider _time;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SignerCertificate> _signers = new(StringComparer.Ordinal);

    internal FederatedExchangeForwarder(
        FederationClient client, FederationConfigurationService configuration, FederationNodeCertificate node, IAuditLog audit, FederationMessageLog messages, SubjectKeyer subjects, IOptions<JsonOptions> json, TimeProvider time)
    {
        _messages = messages;
        _client = client;
        _configuration = configuration;
        _node = node;
        _audit = audit;
        _subjects = subjects;
        _json = json.Value.SerializerOptions;
        _time = time;
    }

    /// <summary>
    /// The member holding <paramref name="datasetId"/> and its id there, when the id is qualified with another
    /// organisation than this node's; null for a dataset of this node.
    /// </summary>
    public (string Provider, string DatasetId)? Route(string? datasetId) =>
        FederatedDatasetId.TryParse(datasetId, out var organisation, out var local) && organisation != _configuration.OrganisationId
            ? (organisation, local)
            : null;

    /// <summary>This node's organisation.</summary>
    public string OrganisationId => _configuration.OrganisationId;

    /// <summary>
    /// The member whose node an agreement with <paramref name="providerOrganisationId"/> as provider is drafted at, when
    /// that is another member of the configuration held now; null for this node's own organisation or a non-member.
    /// </summary>
    public string? AgreementProvider(string? providerOrganisationId) =>
        providerOrganisationId is { Length: > 0 } provider && provider != _configuration.OrganisationId
            && _configuration.Current?.Configuration.FindMember(provider) is not null
            ? provider
            : null;

    /// <summary>The plain id of a dataset named with this node's own organisation (<c>self:dataset</c>), else the id as given.</summary>
    public string Local(string datasetId) =>
        FederatedDatasetId.TryParse(datasetId, out var organisation, out var local) && organisation == _configuration.OrganisationId ? local : datasetId;

    /// <summary>
    /// Forwards one request and answers it. <paramref name="body"/> is the request as the public API took it, with the
    /// provider's own dataset id; <paramref name="entry"/> is this node's audit entry so far (client, organisation,
    /// agreement, purpose, action, the qualified dataset id, fields asked for and subject keys).
    /// </summary>
    public async Task<IResult> ForwardAsync(string provider, string action, object body, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(entry);
        var path = action == AgreementDraftAction ? AgreementDraftPath : "exchange/" + Paths.First(p => p.Action == action).Path;
        var id = ExchangeEvidence.NewExchangeId();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), _json);
        var request = SignedExchangeMessage.Sign("request",
        [
            new("id", id),
            new("from", _configuration.OrganisationId),
            new("to", provider),
            new("client", entry.ClientId),
            new("action", action),
            new("time", SignedExchangeMessage.TimeText(_time.GetUtcNow())),
            new("body", SignedExchangeMessage.BodyDigest(bytes)),
        ], _node.SigningKey, _node.Thumbprint);

        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        content.Headers.TryAddWithoutValidation(RequestHeader, Convert.ToBase64String(Encoding.ASCII.GetBytes(request.Text)));
        var sent = await _client.SendAsync(provider, HttpMethod.Post, FederationEndpoints.Prefix.TrimStart('/') + "/" + path, content, cancellationToken);
        if (!sent.IsSuccess)
        {
            _messages.Append(id, request, null);
            return await RefuseAsync(entry, new ExchangeEvidence(provider, id, request.Digest, null), sent.Errors, cancellationToken);
        }

        using var response = sent.Value;
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var signed = response.Headers.Contains(ResponseHeader);
        var verified = signed ? Verify(provider, request, response, answer) : default;
        _messages.Append(id, request, signed && verified.IsSuccess ? verified.Value : null);
        if (!signed)
        {
            // Refused before the exchange (token, membership, expiry): the member's node sent no signed answer.
            var refusal = await FederationClient.RefusalAsync(provider, response, cancellationToken);
            return await RefuseAsync(entry, new ExchangeEvidence(provider, id, request.Digest, null), [refusal], cancellationToken);
        }

        if (!verified.IsSuccess)
        {
            return await RefuseAsync(entry, new ExchangeEvidence(provider, id, request.Digest, null), verified.Errors, cancellationToken);
        }

        var evidence = new ExchangeEvidence(provider, id, request.Digest, verified.Value.Digest);
        JsonObject document;
        try
        {
            document = ConcordatJson.ParseNode(answer)?.AsObject() ?? throw new JsonException("null");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return await RefuseAsync(entry, evidence, [Error.Unavailable("federation.bad_answer", $"'{provider}' answered with a body that is not a JSON object.")], cancellationToken);
        }

        if (!response.IsSuccessStatusCode)
        {
            var errors = ErrorsOf(document, (int)response.StatusCode);
            // Not found is an answer, not a refusal, as on the provider's own log.
            var notFound = errors[0].Code == "exchange.record_not_found";
            await _audit.AppendAsync(entry with { Outcome = notFound ? AuditOutcome.Permitted : AuditOutcome.Denied, ReasonCode = notFound ? "record.not_found" : errors[0].Code, Evidence = evidence }, cancellationToken);
            return ApiProblems.From(errors);
        }

        var disclosed = action == "lookup" && document["records"] is JsonArray records
            ? records.OfType<JsonObject>().SelectMany(r => r.Select(p => p.Key)).Distinct(StringComparer.Ordinal).ToList()
            : entry.Fields;
        var found = action != "verify" || document["recordFound"]?.GetValueKind() == JsonValueKind.True;
        var receipt = await _audit.AppendAsync(entry with { Fields = disclosed, ReasonCode = found ? null : "record.not_found", Evidence = evidence }, cancellationToken);
        document["auditIndex"] = receipt.Index;
        // 200 for an exchange, 201 for a draft agreement created at the provider's node (which holds it, so no Location).
        return TypedResults.Json(document, _json, statusCode: (int)response.StatusCode);
    }

    /// <summary>This node's subject keys for an identifier, as its own exchange entries record them; none when it does not normalise.</summary>
    public IReadOnlyList<SubjectKey> SubjectKeysFor(IdentifierKind kind, string? value) =>
        kind != IdentifierKind.None && IdentifierStandard.TryNormalise(kind, value ?? "", out var identifier, out _)
            ? [_subjects.For(kind, identifier).Value]
            : [];

    /// <summary>The start of this node's audit entry for a forwarded request.</summary>
    public AuditEntry Entry(ExchangeCaller caller, string action, string? agreementId, string? purpose, string datasetId, IReadOnlyList<string> fields) => new()
    {
        Time = _time.GetUtcNow(),
        ClientId = caller.ClientId,
        OrganisationId = caller.OrganisationId,
        AgreementId = agreementId,
        Purpose = string.IsNullOrEmpty(purpose) ? "" : PurposeCodes.IsKnown(purpose) ? purpose : AuditEntry.Withheld,
        Action = action,
        DatasetId = datasetId,
        Fields = fields,
        Outcome = AuditOutcome.Permitted,
        TraceId = caller.TraceId,
    };

    private async Task<IResult> RefuseAsync(AuditEntry entry, ExchangeEvidence evidence, IReadOnlyList<Error> errors, CancellationToken cancellationToken)
    {
        await _audit.AppendAsync(entry with { Outcome = AuditOutcome.Denied, ReasonCode = errors[0].Code, Evidence = evidence }, cancellationToken);
        return ApiProblems.From(errors);
    }

    // The answer must be signed by a certificate the configuration lists for the provider, answer this very request,
    // and cover exactly the status and body received.
    private Result<SignedExchangeMessage> Verify(string provider, SignedExchangeMessage request, HttpResponseMessage response, byte[] answer)
    {
        var unverified = Error.Unavailable("federation.answer_unverified", $"'{provider}' answered without a valid signature over its answer; nothing from it is used.");
        if (_configuration.Usable() is not { IsSuccess: true } usable)
        {
            return unverified;
        }

        try
        {
            var signer = SignerOf(usable.Value, provider, response.Headers.GetValues(CertificateHeader).Single());
            var message = SignedExchangeMessage.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(response.Headers.GetValues(ResponseHeader).Single())), "response");
            if (!message.IsSuccess || signer is null || message.Value.SignerThumbprint != signer.Thumbprint || !message.Value.VerifiedBy(signer.Key))
            {
                return unverified;
            }

            var signed = message.Value;
            return signed["id"] == request["id"] && signed["from"] == provider && signed["to"] == _configuration.OrganisationId
                && signed["request"] == Convert.ToBase64String(request.Digest)
                && signed["status"] == ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                && signed["body"] == SignedExchangeMessage.BodyDigest(answer)
                ? signed
                : unverified;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            return unverified;
        }
    }

    // The provider's signing certificate, authenticated under the configuration held: parsing it, checking it and
    // taking its key on every answer cost more than the signature check itself, so a certificate that passed is
    // remembered for that configuration (a new configuration, which may revoke it, starts afresh) and its validity.
    private SignerCertificate? SignerOf(FederationSnapshot snapshot, string provider, string header)
    {
        var now = _time.GetUtcNow();
        if (_signers.TryGetValue(header, out var known) && ReferenceEquals(known.Snapshot, snapshot) && known.Provider == provider
            && now >= known.NotBefore && now < known.NotAfter)
        {
            return known;
        }

        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(header));
        var key = certificate.GetECDsaPublicKey();
        if (key is null || !snapshot.Trust.AuthenticateServer(certificate, provider, now).IsSuccess)
        {
            key?.Dispose();
            return null;
        }

        if (_signers.Count >= 64)
        {
            // Keys still in use by a concurrent check are left to the finaliser rather than disposed under it.
            _signers.Clear();
        }

        var signer = new SignerCertificate(snapshot, provider, CertificateThumbprint.Of(certificate), key, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        _signers[header] = signer;
        return signer;
    }

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    // The provider's problem document back into the errors it was made from, so this node answers the same problem.
    private static List<Error> ErrorsOf(JsonObject problem, int status)
    {
        var kind = status switch
        {
            StatusCodes.Status400BadRequest => ErrorKind.Validation,
            StatusCodes.Status404NotFound => ErrorKind.NotFound,
            StatusCodes.Status403Forbidden => ErrorKind.Forbidden,
            StatusCodes.Status409Conflict => ErrorKind.Conflict,
            _ => ErrorKind.Unavailable,
        };
        var code = Text(problem["code"]) ?? "federation.peer_refused";
        var detail = Text(problem["detail"]) ?? "The provider's node refused the request.";
        if (kind == ErrorKind.Validation && problem["errors"] is JsonArray list && list.Count > 0)
        {
            return list.OfType<JsonObject>().Select(e => Error.Validation(Text(e["code"]) ?? code, Text(e["message"]) ?? detail, Text(e["target"]))).ToList();
        }

        return [new Error(code, detail, kind)];
    }

    private sealed record SignerCertificate(FederationSnapshot Snapshot, string Provider, string Thumbprint, System.Security.Cryptography.ECDsa Key, DateTimeOffset NotBefore, DateTimeOffset NotAfter);
}

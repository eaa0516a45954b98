using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Audit;
using Concordat.Core.Exchange;
using Concordat.Core.Federation;
using Concordat.Server.Api.Exchange;
using Concordat.Server.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>
/// The provider node's federation exchange endpoints: a member node forwards its consumer's look-up, verification or
/// aggregate with a signed request; this node checks the signature against the certificate on the connection, then
/// decides, reads, shapes and audits exactly as for its own API (the same exchange services), signs the answer and
/// sends it with the signed response. Every request that reaches here with a bound token is one audit entry, carrying
/// the digests of both signed messages when the request was signed well enough to have them.
/// </summary>
internal sealed class FederatedExchangeProvider
{
    /// <summary>Longest forwarded request body, in bytes (the public API's exchange bodies are far smaller).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private readonly ExchangeService _exchange;
    private readonly BulkExchangeService _bulk;
    private readonly FederatedAgreementDrafts _drafts;
    private readonly FederationConfigurationService _configuration;
    private readonly FederationNodeCertificate _node;
    private readonly IAuditLog _audit;
    private readonly FederationMessageLog _messages;
    private readonly JsonSerializerOptions _json;
    private readonly TimeProvider _time;

    public FederatedExchangeProvider(
        ExchangeService exchange, BulkExchangeService bulk, FederatedAgreementDrafts drafts, FederationConfigurationService configuration, FederationNodeCertificate node, IAuditLog audit, FederationMessageLog messages, IOptions<JsonOptions> json, TimeProvider time)
    {
        _messages = messages;
        _exchange = exchange;
        _bulk = bulk;
        _drafts = drafts;
        _configuration = configuration;
        _node = node;
        _audit = audit;
        _json = json.Value.SerializerOptions;
        _time = time;
    }

    /// <summary>Maps the provider's exchange endpoints on the federation group.</summary>
    public static void Map(RouteGroupBuilder federation)
    {
        foreach (var (path, action) in FederatedExchangeForwarder.Paths)
        {
            federation.MapPost("/exchange/" + path, (HttpContext http, FederationCaller caller, FederatedExchangeProvider provider, CancellationToken cancellationToken) =>
                provider.AnswerAsync(http, caller, action, cancellationToken));
        }

        federation.MapGet("/register", async (FederatedRegister register, CancellationToken cancellationToken) =>
            Results.Bytes(await register.SignedDocumentAsync(cancellationToken), "application/json"));

        // A draft agreement is a control message, not an exchange, but it travels and is proved the same way.
        federation.MapPost("/" + FederatedExchangeForwarder.AgreementDraftPath, (HttpContext http, FederationCaller caller, FederatedExchangeProvider provider, CancellationToken cancellationToken) =>
            provider.AnswerAsync(http, caller, FederatedExchangeForwarder.AgreementDraftAction, cancellationToken));
    }

    /// <summary>Answers one forwarded request; writes the response itself so the bytes sent are the bytes signed.</summary>
    public async Task AnswerAsync(HttpContext http, FederationCaller caller, string action, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var body = await ReadBodyAsync(http.Request, cancellationToken);
        var request = Decode(http.Request.Headers[FederatedExchangeForwarder.RequestHeader].ToString());
        var refusal = body is null
            ? Error.Validation("federation.body_too_large", $"A forwarded exchange body is at most {MaxBodyBytes} bytes.")
            : request.IsSuccess ? Check(request.Value, caller, http, action, body, now) : request.Errors[0];
        var entry = new AuditEntry
        {
            Time = now,
            ClientId = request.IsSuccess ? request.Value["client"] : caller.OrganisationId,
            OrganisationId = caller.OrganisationId,
            Purpose = "",
            Action = action,
            Outcome = AuditOutcome.Denied,
            TraceId = TraceIds.Of(http),
        };
        // Without a well-formed signed request there is no exchange id or request digest to answer under.
        var seal = request.IsSuccess && ExchangeEvidence.IsExchangeId(request.Value["id"])
            ? new ProviderExchangeSeal(request.Value, _configuration.OrganisationId, _node, _messages, _json, _time)
            : null;
        if (refusal is null)
        {
            var exchangeCaller = new ExchangeCaller(request.Value["client"], caller.OrganisationId, TraceIds.Of(http)) { Seal = seal };
            refusal = await ExchangeAsync(action, body!, exchangeCaller, cancellationToken);
        }

        if (refusal is not null)
        {
            await _audit.AppendAsync(seal is null ? entry with { ReasonCode = refusal.Code } : entry with { ReasonCode = refusal.Code, Evidence = seal.Seal(ExchangeAnswer.Refused(refusal)) }, cancellationToken);
            if (seal is null)
            {
                await Api.ApiProblems.From(refusal).ExecuteAsync(http);
                return;
            }
        }

        // The exchange service sealed its answer (permitted or refused) just before it audited it.
        var sealedAnswer = seal!.Response ?? throw new InvalidOperationException("The exchange answered without sealing its answer.");
        http.Response.StatusCode = seal.Status;
        http.Response.ContentType = seal.IsProblem ? "application/problem+json" : "application/json; charset=utf-8";
        http.Response.Headers[FederatedExchangeForwarder.ResponseHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(sealedAnswer.Text));
        http.Response.Headers[FederatedExchangeForwarder.CertificateHeader] = Convert.ToBase64String(_node.Certificate.RawData);
        await http.Response.Body.WriteAsync(seal.Body, cancellationToken);
    }

    // Runs the request through the same exchange service as the public API. A body that does not bind is returned as
    // the refusal to audit; everything else the service audits itself (sealed through the caller).
    private async Task<Error?> ExchangeAsync(string action, byte[] body, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        try
        {
            switch (action)
            {
                case "lookup":
                    var lookup = Bind<LookupRequest>(body);
                    _ = await _exchange.LookupAsync(caller, new ExchangeScope(lookup.AgreementId, lookup.Purpose, lookup.DatasetId, lookup.Fields ?? []),
                        new SubjectIdentifier(lookup.Identifier?.Kind ?? default, lookup.Identifier?.Value ?? ""), cancellationToken);
                    return null;
                case FederatedExchangeForwarder.AgreementDraftAction:
                    await _drafts.DraftAsync(caller, Bind<Api.Agreements.CreateAgreementRequest>(body), cancellationToken);
                    return null;
                case "verify":
                    var verify = Bind<VerificationRequest>(body);
                    _ = await _exchange.VerifyAsync(caller, new ExchangeScope(verify.AgreementId, verify.Purpose, verify.DatasetId, []),
                        new SubjectIdentifier(verify.Identifier?.Kind ?? default, verify.Identifier?.Value ?? ""),
                        (verify.Claims ?? new Dictionary<string, string>()).ToList(), cancellationToken);
                    return null;
                default:
                    var aggregate = Bind<AggregateRequest>(body);
                    _ = await _bulk.AggregateAsync(caller, new ExchangeScope(aggregate.AgreementId, aggregate.Purpose, aggregate.DatasetId, []),
                        aggregate.GroupBy ?? [], aggregate.Sums ?? [], cancellationToken);
                    return null;
            }
        }
        catch (JsonException)
        {
            return Error.Validation("request.invalid_body", "The forwarded request body is not a valid request of its kind.");
        }
    }

    private T Bind<T>(byte[] body) where T : class =>
        JsonSerializer.Deserialize<T>(body, _json) ?? throw new JsonException("The body is null.");

    // The signed request must be the calling node's (the key of the certificate on this connection), addressed to this
    // node, for this action, over exactly this body, and made within the clock skew the configuration allows.
    private Error? Check(SignedExchangeMessage request, FederationCaller caller, HttpContext http, string action, byte[] body, DateTimeOffset now)
    {
        var key = ConnectionKey(http);
        if (key is null || request.SignerThumbprint != caller.CertificateThumbprint || !request.VerifiedBy(key))
        {
            return Error.Forbidden("federation.request_signature_invalid", "The signed request was not signed with the key of the certificate on this connection.");
        }

        if (request["from"] != caller.OrganisationId || request["to"] != _configuration.OrganisationId || request["action"] != action || !ExchangeEvidence.IsExchangeId(request["id"]))
        {
            return Error.Validation("federation.request_mismatch", "The signed request names another sender, receiver or action than this request, or no valid exchange id.");
        }

        if (request["body"] != SignedExchangeMessage.BodyDigest(body))
        {
            return Error.Validation("federation.request_mismatch", "The signed request's body digest is not the digest of the body sent.");
        }

        if (request.Time is not { } time || (time - now).Duration() > FederationConfigurationService.MaxClockSkew)
        {
            return Error.Validation("federation.request_stale", "The signed request's time is more than five minutes from this node's clock.");
        }

        return null;
    }

    // The key of the certificate on this connection, taken once per connection: a member's node sends many requests
    // over one connection, and taking the key from the certificate on each was a cost of every forwarded request.
    private static System.Security.Cryptography.ECDsa? ConnectionKey(HttpContext http)
    {
        var items = http.Features.Get<Microsoft.AspNetCore.Connections.Features.IConnectionItemsFeature>()?.Items;
        if (items?.TryGetValue(typeof(FederatedExchangeProvider), out var held) == true && held is System.Security.Cryptography.ECDsa cached)
        {
            return cached;
        }

        var key = http.Connection.ClientCertificate?.GetECDsaPublicKey();
        if (key is not null && items is not null)
        {
            items[typeof(FederatedExchangeProvider)] = key;
        }

        return key;
    }

    private static Result<SignedExchangeMessage> Decode(string header)
    {
        if (string.IsNullOrEmpty(header) || header.Length > SignedExchangeMessage.MaxLength * 2)
        {
            return Error.Validation("federation.request_unsigned", $"A forwarded exchange carries its signed request in the {FederatedExchangeForwarder.RequestHeader} header.");
        }

        try
        {
            return SignedExchangeMessage.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(header)), "request");
        }
        catch (FormatException)
        {
            return Error.Validation("federation.request_unsigned", $"The {FederatedExchangeForwarder.RequestHeader} header is not base64.");
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

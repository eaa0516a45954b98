using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Audit;
using Concordat.Core.Exchange;
using Concordat.Core.Federation;
using Concordat.Server.Api;
using Concordat.Server.Api.Exchange;
using Microsoft.AspNetCore.WebUtilities;

namespace Concordat.Server.Federation;

/// <summary>
/// The provider node's side of one forwarded exchange: turns the answer the exchange service is about to give into the
/// exact response body, signs the response message over it (binding it to the signed request by its digest), and
/// keeps both so the endpoint sends exactly what was audited. One per request; not thread safe.
/// </summary>
internal sealed class ProviderExchangeSeal : IExchangeSeal
{
    private readonly SignedExchangeMessage _request;
    private readonly string _self;
    private readonly FederationNodeCertificate _node;
    private readonly FederationMessageLog _messages;
    private readonly JsonSerializerOptions _json;
    private readonly TimeProvider _time;

    public ProviderExchangeSeal(SignedExchangeMessage request, string self, FederationNodeCertificate node, FederationMessageLog messages, JsonSerializerOptions json, TimeProvider time)
    {
        _messages = messages;
        _request = request;
        _self = self;
        _node = node;
        _json = json;
        _time = time;
    }

    /// <summary>The HTTP status of the sealed answer.</summary>
    public int Status { get; private set; }

    /// <summary>Whether the answer is a problem document.</summary>
    public bool IsProblem { get; private set; }

    /// <summary>The exact body bytes the response digest covers.</summary>
    public byte[] Body { get; private set; } = [];

    /// <summary>The signed response message; null until <see cref="Seal"/> ran.</summary>
    public SignedExchangeMessage? Response { get; private set; }

    public ExchangeEvidence Seal(ExchangeAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (Response is not null)
        {
            throw new InvalidOperationException("An exchange is sealed once.");
        }

        JsonObject body;
        string outcome;
        if (answer.Errors is { Count: > 0 } errors)
        {
            var (status, detail, extensions) = ApiProblems.Describe(errors);
            body = new JsonObject
            {
                ["title"] = ReasonPhrases.GetReasonPhrase(status),
                ["status"] = status,
                ["detail"] = detail,
            };
            foreach (var (name, value) in extensions)
            {
                body[name] = JsonSerializer.SerializeToNode(value, _json);
            }

            (Status, IsProblem, outcome) = (status, true, errors[0].Code);
        }
        else
        {
            body = Answer(answer.Value);
            // A draft agreement is created here, as on this node's own API; an exchange answers.
            (Status, IsProblem, outcome) = (answer.Value is Core.Governance.Agreement ? StatusCodes.Status201Created : StatusCodes.Status200OK, false, "permitted");
        }

        Body = JsonSerializer.SerializeToUtf8Bytes(body, _json);
        var key = _node.SigningKey;
        Response = SignedExchangeMessage.Sign("response",
        [
            new("id", _request["id"]),
            new("from", _self),
            new("to", _request["from"]),
            new("request", Convert.ToBase64String(_request.Digest)),
            new("status", Status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("outcome", AuditEntry.Bound(outcome) is { Length: > 0 } bounded ? bounded : AuditEntry.Withheld),
            new("time", SignedExchangeMessage.TimeText(_time.GetUtcNow())),
            new("body", SignedExchangeMessage.BodyDigest(Body)),
        ], key, _node.Thumbprint);
        // Kept before the entry that names them is appended, so every recorded digest has its message.
        _messages.Append(_request["id"], _request, Response);
        return new ExchangeEvidence(_request["from"], _request["id"], _request.Digest, Response.Digest);
    }

    // The public API's answer without its audit index: the index is the provider's, known only once the entry that
    // records this very answer is appended; the consumer's node answers its client with its own entry's index.
    private JsonObject Answer(object? value)
    {
        object dto = value switch
        {
            LookupResult r => new LookupResponse(r.AgreementId, r.AgreementVersion, r.Purpose, r.RetainUntil, r.Records, 0),
            VerificationResult v => new VerificationResponse(v.AgreementId, v.RecordFound, v.Claims.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal), 0),
            AggregateResult a => AggregateResponse.From(a),
            Core.Governance.Agreement g => Api.Agreements.AgreementResponse.From(g),
            _ => throw new InvalidOperationException($"No forwarded answer for {value?.GetType().Name ?? "null"}."),
        };
        var node = JsonSerializer.SerializeToNode(dto, dto.GetType(), _json)!.AsObject();
        node.Remove("auditIndex");
        return node;
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Core;
using Concordat.Core.Catalogue;
using Concordat.Core.Federation;
using Concordat.Core.Governance;
using Concordat.Server.Api.Register;
using Concordat.Server.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>
/// The public register across a federation. As a provider, this node signs each published agreement it provides (its
/// register entry and ODRL policy) with its node key and serves them to members at <c>GET /federation/v1/register</c>.
/// As a reader, it fetches every other member's register over mutual TLS, keeps a copy only when every entry's
/// signature verifies with a certificate the configuration lists for that member and covers exactly the bytes received,
/// and shows those copies on its own public register. A refused copy leaves the last verified one in place. Copies are
/// kept in <c>DATA/federation/register/ORG.json</c> and verified again when the node starts. Thread safe; one per node.
/// </summary>
public sealed class FederatedRegister
{
    /// <summary>Largest register document read from a member, in bytes.</summary>
    public const int MaxDocumentBytes = 8 * 1024 * 1024;

    /// <summary>Most agreements taken from one member's register.</summary>
    public const int MaxEntries = 10_000;

    private readonly AgreementService _agreements;
    private readonly ICatalogueStore _catalogue;
    private readonly PublicAddress _address;
    private readonly FederationConfigurationService _configuration;
    private readonly FederationNodeCertificate _node;
    private readonly FederationClient _client;
    private readonly JsonSerializerOptions _json;
    private readonly TimeProvider _time;
    private readonly ILogger<FederatedRegister> _logger;
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, IReadOnlyList<FederatedRegisterCopy>> _copies = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    internal FederatedRegister(
        AgreementService agreements, ICatalogueStore catalogue, PublicAddress address, FederationConfigurationService configuration, FederationNodeCertificate node,
        FederationClient client, IOptions<ConcordatOptions> options, IOptions<JsonOptions> json, TimeProvider time, ILogger<FederatedRegister> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(json);
        _agreements = agreements;
        _catalogue = catalogue;
        _address = address;
        _configuration = configuration;
        _node = node;
        _client = client;
        _json = json.Value.SerializerOptions;
        _time = time;
        _logger = logger;
        _directory = Path.Combine(options.Value.DataDirectoryPath, "federation", "register");
    }

    /// <summary>Every verified copy of another member's agreement, by provider then agreement id.</summary>
    public IReadOnlyList<FederatedRegisterCopy> Copies =>
        [.. _copies.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => c.Value).OrderBy(c => c.OrganisationId, StringComparer.Ordinal).ThenBy(c => c.AgreementId, StringComparer.Ordinal)];

    /// <summary>The copy shown as <paramref name="qualifiedId"/> (<c>PROVIDER:AGREEMENT</c>), or null.</summary>
    public FederatedRegisterCopy? Find(string qualifiedId) =>
        FederatedDatasetId.TryParse(qualifiedId, out var organisation, out var agreement) && _copies.TryGetValue(organisation, out var copies)
            ? copies.FirstOrDefault(c => c.AgreementId == agreement)
            : null;

    /// <summary>
    /// This node's register as members fetch it: every published agreement it provides, each signed now with the node
    /// key over its register entry and ODRL policy (so the signature vouches for the status it carries).
    /// </summary>
    public async Task<byte[]> SignedDocumentAsync(CancellationToken cancellationToken)
    {
        var self = _configuration.OrganisationId;
        var names = await RegisterEntries.NamesAsync(_catalogue, cancellationToken);
        var entries = new JsonArray();
        var time = SignedExchangeMessage.TimeText(_time.GetUtcNow());
        var key = _node.SigningKey;
        foreach (var agreement in await _agreements.ListAsync(self, cancellationToken))
        {
            if (agreement.Terms.ProviderOrganisationId != self || !RegisterEntries.IsPublished(agreement))
            {
                continue;
            }

            var approved = await RegisterEntries.ApprovedAsync(_agreements, agreement, cancellationToken);
            var entry = JsonSerializer.SerializeToNode(RegisterEntryResponse.From(approved, names), _json)!.AsObject();
            var status = entry["status"]!.GetValue<string>();
            var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["entry"] = entry, ["odrl"] = OdrlPolicy.Build(approved, _address.Base) }, _json);
            var message = SignedExchangeMessage.Sign("agreement",
            [
                new("id", approved.Id),
                new("from", self),
                new("version", approved.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("status", status),
                new("time", time),
                new("body", SignedExchangeMessage.BodyDigest(body)),
            ], key, _node.Thumbprint);
            entries.Add(new JsonObject { ["message"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(message.Text)), ["body"] = Convert.ToBase64String(body) });
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["organisationId"] = self,
            ["certificate"] = Convert.ToBase64String(_node.Certificate.RawData),
            ["entries"] = entries,
        }, _json);
    }

    /// <summary>Fetches every other member's register now, as the periodic refresh does; the outcome per member.</summary>
    public async Task<IReadOnlyDictionary<string, Result<int>>> RefreshAsync(CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, Result<int>>(StringComparer.Ordinal);
        if (_configuration.Usable() is not { IsSuccess: true } usable)
        {
            return outcomes;
        }

        foreach (var member in usable.Value.Configuration.Members)
        {
            if (member.OrganisationId != _configuration.OrganisationId)
            {
                outcomes[member.OrganisationId] = await FetchAsync(member.OrganisationId, cancellationToken);
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Takes a register document received from <paramref name="organisationId"/>'s node when it verifies (see
    /// <see cref="Verify"/>), replacing the copy held, and keeps it on disk; refuses it otherwise, keeping the copy held.
    /// </summary>
    public Result<int> Accept(string organisationId, byte[] document)
    {
        var verified = Verify(organisationId, document, fresh: true);
        if (!verified.IsSuccess)
        {
            FederationLog.RegisterRefused(_logger, organisationId, verified.Errors[0].Code, verified.Errors[0].Message);
            return Result<int>.Failure(verified.Errors);
        }

        lock (_gate)
        {
            Directory.CreateDirectory(_directory);
            var path = PathOf(organisationId);
            File.WriteAllBytes(path + ".tmp", document);
            File.Move(path + ".tmp", path, overwrite: true);
            _copies[organisationId] = verified.Value;
        }

        FederationLog.RegisterAccepted(_logger, organisationId, verified.Value.Count);
        return verified.Value.Count;
    }

    /// <summary>Loads the copies kept on disk, verifying each again under the configuration held; a copy that fails is not shown.</summary>
    public void LoadKept()
    {
        if (!Directory.Exists(_directory))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(_directory, "*.json"))
        {
            var organisationId = Path.GetFileNameWithoutExtension(path);
            var verified = Verify(organisationId, File.ReadAllBytes(path), fresh: false);
            if (verified.IsSuccess)
            {
                _copies[organisationId] = verified.Value;
            }
            else
            {
                _copies.TryRemove(organisationId, out _);
                FederationLog.RegisterRefused(_logger, organisationId, verified.Errors[0].Code, verified.Errors[0].Message);
            }
        }
    }

    /// <summary>
    /// Checks a register document as <paramref name="organisationId"/>'s: it names that member; its certificate is one
    /// the configuration held lists for that member (chained, valid, not revoked); every entry is an agreement message
    /// signed with that certificate's key, from that member, over exactly the body given, whose entry names the same
    /// agreement, version, status and provider; and, when <paramref name="fresh"/>, signed within the allowed clock skew.
    /// One entry that fails refuses the whole document.
    /// </summary>
    internal Result<List<FederatedRegisterCopy>> Verify(string organisationId, byte[] document, bool fresh)
    {
        ArgumentNullException.ThrowIfNull(document);
        Result<List<FederatedRegisterCopy>> Refused(string why) =>
            Result<List<FederatedRegisterCopy>>.Failure(Error.Forbidden("federation.register_refused", $"The register of '{organisationId}' was refused: {why}."));
        if (_configuration.Current is not { } snapshot)
        {
            return Refused("no federation configuration is held");
        }

        if (document.Length > MaxDocumentBytes)
        {
            return Refused($"it is larger than {MaxDocumentBytes} bytes");
        }

        var now = _time.GetUtcNow();
        try
        {
            var root = ConcordatJson.ParseNode(document)?.AsObject() ?? throw new JsonException("null");
            if (Text(root["organisationId"]) != organisationId)
            {
                return Refused("it names another organisation");
            }

            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(Text(root["certificate"]) ?? ""));
            using var key = certificate.GetECDsaPublicKey();
            if (key is null || !snapshot.Trust.AuthenticateServer(certificate, organisationId, now).IsSuccess)
            {
                return Refused("it is not signed with a certificate the configuration lists for that member");
            }

            var thumbprint = CertificateThumbprint.Of(certificate);
            if (root["entries"] is not JsonArray entries || entries.Count > MaxEntries)
            {
                return Refused($"it has no list of at most {MaxEntries} entries");
            }

            var copies = new List<FederatedRegisterCopy>(entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                var item = entries[i] as JsonObject;
                var text = Text(item?["message"]) is { } m ? Encoding.ASCII.GetString(Convert.FromBase64String(m)) : null;
                var body = Text(item?["body"]) is { } b ? Convert.FromBase64String(b) : null;
                var parsed = SignedExchangeMessage.Parse(text, "agreement");
                if (body is null || !parsed.IsSuccess)
                {
                    return Refused($"entry {i} is not a signed agreement message with its body");
                }

                var message = parsed.Value;
                if (message.SignerThumbprint != thumbprint || !message.VerifiedBy(key))
                {
                    return Refused($"the signature of entry {i} does not verify");
                }

                if (message["from"] != organisationId || message["body"] != SignedExchangeMessage.BodyDigest(body))
                {
                    return Refused($"the signature of entry {i} does not cover its body, or is from another member");
                }

                if (fresh && (message.Time is not { } signedAt || (signedAt - now).Duration() > FederationConfigurationService.MaxClockSkew))
                {
                    return Refused($"entry {i} was not signed within five minutes of this node's clock");
                }

                var content = ConcordatJson.ParseNode(body)?.AsObject() ?? throw new JsonException("null");
                if (content["entry"] is not JsonObject entry || content["odrl"] is not JsonObject odrl
                    || Text(entry["id"]) != message["id"] || Text(entry["status"]) != message["status"]
                    || entry["version"]?.GetValueKind() != JsonValueKind.Number || entry["version"]!.ToJsonString() != message["version"]
                    || entry["provider"] is not JsonObject provider || Text(provider["id"]) != organisationId)
                {
                    return Refused($"entry {i} is not the agreement its message names, or names another provider");
                }

                copies.Add(new FederatedRegisterCopy(organisationId, message["id"], message["status"], entry.ToJsonString(), odrl.ToJsonString(), text!, Convert.ToBase64String(body), Convert.ToBase64String(certificate.RawData)));
            }

            return copies;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or CryptographicException)
        {
            return Refused("it is not a well-formed register document");
        }
    }

    private async Task<Result<int>> FetchAsync(string organisationId, CancellationToken cancellationToken)
    {
        var sent = await _client.SendAsync(organisationId, HttpMethod.Get, FederationEndpoints.Prefix.TrimStart('/') + "/register", null, cancellationToken);
        if (!sent.IsSuccess)
        {
            return Result<int>.Failure(sent.Errors);
        }

        using var response = sent.Value;
        if (!response.IsSuccessStatusCode)
        {
            return Result<int>.Failure(await FederationClient.RefusalAsync(organisationId, response, cancellationToken));
        }

        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
        {
            return Result<int>.Failure(Error.Unavailable("federation.register_refused", $"The register of '{organisationId}' is larger than {MaxDocumentBytes} bytes."));
        }

        return Accept(organisationId, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    private string PathOf(string organisationId) =>
        SchemaRules.IsValidSlug(organisationId) ? Path.Combine(_directory, organisationId + ".json") : throw new ArgumentException("Not an organisation id.", nameof(organisationId));

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}

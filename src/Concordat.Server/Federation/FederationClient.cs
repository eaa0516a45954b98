using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Federation;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>
/// Calls other member nodes: over mutual TLS with this node's certificate, accepting only a server certificate that
/// belongs to the member called under the configuration held now (and names the address called), with a
/// certificate-bound token from that node's token endpoint (RFC 8705), fetched when needed and reused until shortly
/// before it expires. Refuses before any network traffic when the configuration is unusable (expired past grace,
/// this node not a member) or the organisation is not a member. Thread safe; one per node.
/// </summary>
public sealed class FederationClient : IDisposable
{
    private static readonly TimeSpan TokenRenewalMargin = TimeSpan.FromSeconds(30);

    private readonly FederationConfigurationService _configuration;
    private readonly FederationNodeCertificate _node;
    private readonly FederationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FederationClient> _logger;
    private readonly ConcurrentDictionary<string, FederationPeer> _peers = new(StringComparer.Ordinal);

    internal FederationClient(FederationConfigurationService configuration, FederationNodeCertificate node, IOptions<FederationOptions> options, TimeProvider time, ILogger<FederationClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _configuration = configuration;
        _node = node;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Sends a request to a member node's federation listener, with a bound token. The response is the caller's to
    /// read and dispose, whatever its status. <paramref name="content"/> stays the caller's to dispose and must be
    /// re-readable (bytes, string, JSON): a request whose token was refused is sent once more with a fresh token.
    /// </summary>
    /// <param name="organisationId">The member to call.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path under the member's node address, e.g. <c>federation/v1/whoami</c>.</param>
    /// <param name="content">The request body, if any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<Result<HttpResponseMessage>> SendAsync(string organisationId, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var usable = _configuration.Usable();
        if (!usable.IsSuccess)
        {
            return Fail(organisationId, usable.Errors[0]);
        }

        var snapshot = usable.Value;
        if (snapshot.Configuration.FindMember(organisationId) is not { } member)
        {
            return Fail(organisationId, Error.NotFound("federation.unknown_member", $"'{organisationId}' is not a member of the federation."));
        }

        var peer = PeerFor(snapshot, member);
        for (var attempt = 0; ; attempt++)
        {
            var token = await peer.TokenAsync(cancellationToken);
            if (!token.IsSuccess)
            {
                return Fail(organisationId, token.Errors[0]);
            }

            var request = new HttpRequestMessage(method, new Uri(member.NodeUrl, path.TrimStart('/'))) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            Result<HttpResponseMessage> sent;
            try
            {
                sent = await peer.SendAsync(request, cancellationToken);
            }
            finally
            {
                // The content stays the caller's (and can be sent again); disposing the request would dispose it.
                request.Content = null;
                request.Dispose();
            }
            if (!sent.IsSuccess)
            {
                return Fail(organisationId, sent.Errors[0]);
            }

            var response = sent.Value;
            if (attempt == 0 && response.StatusCode == HttpStatusCode.Unauthorized
                && response.Headers.WwwAuthenticate.Any(h => h.Parameter?.Contains("invalid_token", StringComparison.Ordinal) == true))
            {
                response.Dispose();
                peer.ForgetToken(token.Value);
                continue;
            }

            return response;
        }
    }

    /// <summary>Asks a member node how it sees this node: the first call any two nodes can make to check their set-up.</summary>
    public async Task<Result<FederationPeerResponse>> WhoAmIAsync(string organisationId, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(organisationId, HttpMethod.Get, FederationEndpoints.Prefix.TrimStart('/') + "/whoami", null, cancellationToken);
        if (!sent.IsSuccess)
        {
            return Result<FederationPeerResponse>.Failure(sent.Errors);
        }

        using var response = sent.Value;
        if (!response.IsSuccessStatusCode)
        {
            return await RefusalAsync(organisationId, response, cancellationToken);
        }

        var peer = await response.Content.ReadFromJsonAsync<FederationPeerResponse>(ConcordatJson.Options, cancellationToken);
        return peer is not null ? peer : Error.Unavailable("federation.bad_answer", $"'{organisationId}' answered without a body.");
    }

    /// <summary>The failure a member's refusal stands for, with the member's own problem code when it sent one.</summary>
    public static async Task<Error> RefusalAsync(string organisationId, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? code = null;
        string? detail = null;
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            code = body.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            detail = body.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        }
        catch (JsonException)
        {
            // Not a problem document: the status says enough.
        }

        var message = $"'{organisationId}' refused the request ({(int)response.StatusCode}){(detail is null ? "." : ": " + detail)}";
        return response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
            ? Error.Unavailable(code ?? "federation.peer_unavailable", message)
            : Error.Forbidden(code ?? "federation.peer_refused", message);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var peer in _peers.Values)
        {
            peer.Dispose();
        }
    }

    private FederationPeer PeerFor(FederationSnapshot snapshot, FederationMember member)
    {
        // A new configuration gets new connections: a server certificate revoked in it is never reused from the pool.
        if (_peers.TryGetValue(member.OrganisationId, out var peer) && ReferenceEquals(peer.Snapshot, snapshot))
        {
            return peer;
        }

        var fresh = new FederationPeer(snapshot, member, this);
        if (_peers.TryGetValue(member.OrganisationId, out var old) && _peers.TryUpdate(member.OrganisationId, fresh, old))
        {
            old.RetireAfter(_options.RequestTimeout + _options.RequestTimeout);
            return fresh;
        }

        var added = _peers.GetOrAdd(member.OrganisationId, fresh);
        if (!ReferenceEquals(added, fresh))
        {
            fresh.Dispose();
        }

        return added;
    }

    private Result<HttpResponseMessage> Fail(string organisationId, Error error)
    {
        FederationLog.CallFailed(_logger, organisationId, error.Code);
        return error;
    }

    // One member's connections and token under one configuration.
    private sealed class FederationPeer : IDisposable
    {
        private readonly FederationClient _client;
        private readonly FederationMember _member;
        private readonly HttpClient _http;
        private readonly SemaphoreSlim _tokenLock = new(1, 1);
        private string? _token;
        private DateTimeOffset _renewAt;

        public FederationPeer(FederationSnapshot snapshot, FederationMember member, FederationClient client)
        {
            Snapshot = snapshot;
            _member = member;
            _client = client;
            var handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                SslOptions = new SslClientAuthenticationOptions
                {
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    ClientCertificates = [client._node.Certificate],
                    LocalCertificateSelectionCallback = (_, _, _, _, _) => client._node.Certificate,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => AcceptServer(certificate, errors),
                },
            };
            _http = new HttpClient(handler) { Timeout = client._options.RequestTimeout };
        }

        public FederationSnapshot Snapshot { get; }

        public async Task<Result<string>> TokenAsync(CancellationToken cancellationToken)
        {
            await _tokenLock.WaitAsync(cancellationToken);
            try
            {
                if (_token is not null && _client._time.GetUtcNow() < _renewAt)
                {
                    return _token;
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_member.NodeUrl, FederationEndpoints.TokenPath.TrimStart('/')))
                {
                    Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", _client._configuration.OrganisationId)]),
                };
                var sent = await SendAsync(request, cancellationToken);
                if (!sent.IsSuccess)
                {
                    return Result<string>.Failure(sent.Errors);
                }

                using var response = sent.Value;
                if (!response.IsSuccessStatusCode)
                {
                    return await RefusalAsync(_member.OrganisationId, response, cancellationToken);
                }

                var issued = await response.Content.ReadFromJsonAsync<FederationTokenResponse>(cancellationToken);
                if (issued is null || string.IsNullOrEmpty(issued.AccessToken) || issued.ExpiresIn <= 0)
                {
                    return Error.Unavailable("federation.bad_answer", $"'{_member.OrganisationId}' answered the token request without a token.");
                }

                var lifetime = TimeSpan.FromSeconds(issued.ExpiresIn);
                _token = issued.AccessToken;
                _renewAt = _client._time.GetUtcNow() + (lifetime > TokenRenewalMargin + TokenRenewalMargin ? lifetime - TokenRenewalMargin : lifetime / 2);
                return _token;
            }
            finally
            {
                _tokenLock.Release();
            }
        }

        public void ForgetToken(string token)
        {
            if (_token == token)
            {
                _token = null;
            }
        }

        public async Task<Result<HttpResponseMessage>> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException)
            {
                return Error.Unavailable("federation.tls_refused", $"The mutual TLS handshake with '{_member.OrganisationId}' failed: either side refused the other's certificate.");
            }
            catch (HttpRequestException ex)
            {
                return Error.Unavailable("federation.unreachable", $"'{_member.OrganisationId}' at {_member.NodeUrl.GetLeftPart(UriPartial.Authority)} could not be reached ({ex.HttpRequestError}).");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Error.Unavailable("federation.timeout", $"'{_member.OrganisationId}' did not answer within {_client._options.RequestTimeout}.");
            }
        }

        public void RetireAfter(TimeSpan delay) => _ = Task.Delay(delay, CancellationToken.None).ContinueWith(_ => Dispose(), TaskScheduler.Default);

        public void Dispose()
        {
            _http.Dispose();
            _tokenLock.Dispose();
        }

        // The server must be the member called, under the configuration held when the connection opens.
        private bool AcceptServer(X509Certificate? certificate, SslPolicyErrors errors)
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                return false;
            }

            if (_client._configuration.Usable() is not { IsSuccess: true } usable)
            {
                return false;
            }

            using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return usable.Value.Trust.AuthenticateServer(presented, _member.OrganisationId, _client._time.GetUtcNow()).IsSuccess;
        }
    }
}

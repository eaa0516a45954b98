using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Concordat.Server.Federation;

/// <summary>
/// The federation listener's TLS: this node's certificate, a client certificate required on every connection
/// (mutual TLS), TLS 1.2 or 1.3, and the client certificate accepted only when it belongs to a current member under
/// the configuration held now (chains to the federation CA, listed for its organisation, not revoked). A connection
/// refused here never reaches HTTP. Thread safe.
/// </summary>
internal sealed class FederationHandshake
{
    private readonly FederationConfigurationService _configuration;
    private readonly FederationRefusals _refusals;
    private readonly TimeProvider _time;
    private readonly ILogger<FederationHandshake> _logger;
    private readonly SslStreamCertificateContext _server;

    public FederationHandshake(FederationNodeCertificate node, FederationConfigurationService configuration, FederationRefusals refusals, TimeProvider time, ILogger<FederationHandshake> logger)
    {
        _configuration = configuration;
        _refusals = refusals;
        _time = time;
        _logger = logger;
        _server = SslStreamCertificateContext.Create(node.Certificate, additionalCertificates: null, offline: true);
    }

    public ValueTask<SslServerAuthenticationOptions> OnConnectionAsync(TlsHandshakeCallbackContext context)
    {
        var remote = context.Connection.RemoteEndPoint;
        return ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _server,
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            // Revocation is the configuration's revoked list; no CRL or OCSP is fetched.
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, certificate, _, _) => Accept(certificate, remote),
        });
    }

    // The platform's chain errors are ignored on purpose: the federation CA is not in the system store, and
    // FederationTrust builds the chain against the configuration's CAs itself.
    private bool Accept(X509Certificate? certificate, EndPoint? remote)
    {
        var address = (remote as IPEndPoint)?.Address;
        if (certificate is null)
        {
            return Refuse(address, "federation.no_certificate");
        }

        var usable = _configuration.Usable();
        if (!usable.IsSuccess)
        {
            return Refuse(address, usable.Errors[0].Code);
        }

        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var member = usable.Value.Trust.AuthenticateClient(presented, _time.GetUtcNow());
        return member.IsSuccess || Refuse(address, member.Errors[0].Code);
    }

    private bool Refuse(IPAddress? address, string code)
    {
        FederationLog.ConnectionRefused(_logger, address?.ToString() ?? "unknown", code);
        _refusals.Count(code, address, null);
        return false;
    }
}

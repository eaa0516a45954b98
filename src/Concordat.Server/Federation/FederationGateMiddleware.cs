using Concordat.Core.Federation;
using Concordat.Server.Hosting;

namespace Concordat.Server.Federation;

/// <summary>
/// Keeps the two listeners apart and re-checks membership on every request. On the public listener a federation
/// endpoint does not exist (404). On the federation listener only federation endpoints exist (404 otherwise), and
/// each request needs a usable configuration (503 when it expired past grace) and a client certificate that belongs
/// to a current member under it (403 otherwise): a connection opened before a refresh that revoked its certificate
/// is cut off at its next request. The decision is left for endpoints as a <see cref="FederationCaller"/>.
/// </summary>
internal sealed class FederationGateMiddleware
{
    private readonly RequestDelegate _next;

    public FederationGateMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context, FederationConfigurationService configuration, FederationRefusals refusals, TimeProvider time, ILogger<FederationGateMiddleware> logger)
    {
        var federationEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<FederationEndpointMetadata>() is not null;
        if (!FederationConnectionFeature.IsOn(context))
        {
            if (federationEndpoint)
            {
                await FederationProblems.WriteAsync(context, StatusCodes.Status404NotFound, "route.not_found", "There is no such endpoint on this listener.");
                return;
            }

            await _next(context);
            return;
        }

        if (!federationEndpoint)
        {
            await FederationProblems.WriteAsync(context, StatusCodes.Status404NotFound, "route.not_found", "The federation listener serves federation endpoints only.");
            return;
        }

        var usable = configuration.Usable();
        if (!usable.IsSuccess)
        {
            refusals.Count(usable.Errors[0].Code, context.Connection.RemoteIpAddress, null);
            await FederationProblems.WriteAsync(context, usable.Errors[0]);
            return;
        }

        var certificate = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        if (certificate is null)
        {
            refusals.Count("federation.no_certificate", context.Connection.RemoteIpAddress, null);
            await FederationProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, "federation.no_certificate", "The federation listener needs a client certificate.");
            return;
        }

        var snapshot = usable.Value;
        var member = snapshot.Trust.AuthenticateClient(certificate, time.GetUtcNow());
        if (!member.IsSuccess)
        {
            var error = member.Errors[0];
            FederationLog.RequestRefused(logger, NodeIdentity.OrganisationOf(certificate) ?? "unknown", context.Request.Method, RequestLabel.Route(context), error.Code);
            refusals.Count(error.Code, context.Connection.RemoteIpAddress, null);
            await FederationProblems.WriteAsync(context, error);
            return;
        }

        context.Features.Set(new FederationCaller(member.Value, CertificateThumbprint.Of(certificate), snapshot.Configuration.Version));
        await _next(context);
    }
}

using System.Globalization;
using System.Threading.RateLimiting;
using Concordat.Core.Audit;
using Concordat.Server.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Hosting;

/// <summary>
/// A fixed-window limit per client id (from the verified token) or, before authentication, per address. Rejections are
/// 429 with <c>Retry-After</c> and a problem body, not the limiter's default 503.
/// </summary>
internal sealed class ConfigureRateLimiting : IConfigureOptions<RateLimiterOptions>
{
    private readonly ConcordatOptions _options;

    public ConfigureRateLimiting(IOptions<ConcordatOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public void Configure(RateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = _options.RateLimitPermits;
        var window = _options.RateLimitWindow;
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var http = rejected.HttpContext;
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
            var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.RateLimiting");
            ServerLog.RateLimited(logger, PartitionOf(http), http.Request.Method, RequestLabel.Route(http));
            // One security event per caller and minute, however many requests the limiter refuses.
            var authenticated = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirst(ConcordatClaims.Subject)?.Value : null;
            http.RequestServices.GetRequiredService<SecurityEventTally>().Count(
                SecurityEventKind.RateLimited,
                authenticated is null ? SecurityEventTally.AddressPartition(http.Connection.RemoteIpAddress) : SecurityEventTally.ClientPartition(authenticated),
                authenticated is null ? null : http.User.FindFirst(ConcordatClaims.Organisation)?.Value,
                http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = ReasonPhrases.GetReasonPhrase(StatusCodes.Status429TooManyRequests),
                    Detail = $"The rate limit of {permits} requests per {window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds is reached; retry after {seconds} seconds.",
                    Extensions = { ["code"] = "request.rate_limited" },
                },
            });
        };
    }

    private static string PartitionOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(ConcordatClaims.Subject)?.Value is { } clientId
            ? "client:" + clientId
            : "address:" + RequestLabel.RemoteAddress(context);
}

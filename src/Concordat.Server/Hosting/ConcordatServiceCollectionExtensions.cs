using Concordat.Core;
using Concordat.Core.Audit;
using Concordat.Server.Api.Audit;
using Concordat.Server.Api.Exchange;
using Concordat.Core.Quality;
using Concordat.Server.Api.Quality;
using Concordat.Server.Api.Subscriptions;
using Concordat.Server.Auth;
using Concordat.Server.Citizen;
using Concordat.Server.Demo;
using Concordat.Server.Federation;
using Concordat.Server.Staff;
using Concordat.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Hosting;

/// <summary>Registers everything the hub process needs.</summary>
internal static class ConcordatServiceCollectionExtensions
{
    /// <param name="services">The hub's services.</param>
    /// <param name="store">Where the hub keeps its tables (<see cref="ConcordatStoreSetting"/>).</param>
    public static IServiceCollection AddConcordatServer(this IServiceCollection services, StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(store);
        services.AddOptions<ConcordatOptions>().BindConfiguration(ConcordatOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConcordatOptions>, ConcordatOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(store);
        services.AddConcordatCore();
        services.AddConcordatStore(store);
        services.AddConcordatKeys(sp => sp.GetRequiredService<IOptions<ConcordatOptions>>().Value.KeysDirectoryPath);
        services.AddSingleton<ProfileFailureReporter>(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Quality");
            return (run, ex) => QualityLog.ProfileAfterIngestFailed(logger, run, ex);
        });
        services.AddConcordatAudit();
        TrackAuditAppendsPerRequest(services);
        services.AddSingleton<AuditedRoutes>();
        services.AddSingleton<SecurityEventTally>();
        services.AddSingleton<SecurityEventFlushService>();
        services.AddHostedService(sp => sp.GetRequiredService<SecurityEventFlushService>());
        services.AddSingleton<ExtractFiles>();
        services.AddHostedService<ExtractSweepService>();
        services.AddConcordatSubscriptions();
        services.AddOptions<Api.Persons.PersonMatchOptions>().BindConfiguration(Api.Persons.PersonMatchOptions.SectionName);
        services.AddSingleton<Api.Persons.PersonMatchService>();
        services.AddHostedService(sp => sp.GetRequiredService<Api.Persons.PersonMatchService>());

        services.AddRazorComponents();
        services.AddConcordatTelemetry();
        services.ConfigureHttpJsonOptions(options => ApplyConcordatJson(options));
        // Binding failures throw, so the exception handler answers them with a problem naming the fault.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<FormOptions>(options =>
        {
            options.ValueCountLimit = 32;
            options.KeyLengthLimit = 256;
            options.ValueLengthLimit = 8 * 1024;
            options.MultipartBodyLengthLimit = TokenEndpoints.MaxTokenRequestBytes;
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // No instance: the request path can hold a personal identifier (a record key is often a NINO).
            context.ProblemDetails.Extensions.TryAdd("traceId", TraceIds.Of(context.HttpContext));
            if (context.ProblemDetails.Status is { } status && DefaultProblemCode(status) is { } code)
            {
                context.ProblemDetails.Extensions.TryAdd("code", code);
            }

            DataRouteAuditMiddleware.RememberProblem(context.HttpContext, context.ProblemDetails);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();

        services.AddConcordatAuth();
        services.AddConcordatFederation();
        services.AddConcordatCitizen();
        services.AddConcordatStaff();
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, ConfigureRateLimiting>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, ConfigureKestrel>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<Concordat.Server.Api.Records.RecordCursor>();
        services.AddOpenApi(options => options
            .AddDocumentTransformer<BearerSecuritySchemeTransformer>()
            .AddDocumentTransformer<PublicServerTransformer>()
            .AddOperationTransformer<AnonymousOperationTransformer>());
        services.AddDataProtection();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, ConfigureDataProtection>();
        services.AddSingleton<DemoSeeder>();
        return services;
    }

    // Wraps the registered audit log so each request's appends are counted (DataRouteAuditMiddleware), whichever way
    // the store registered the log itself.
    private static void TrackAuditAppendsPerRequest(IServiceCollection services)
    {
        // A store without an audit ledger yet (PostgreSQL today) registers no log; there is then nothing to count.
        if (services.LastOrDefault(d => d.ServiceType == typeof(IAuditLog)) is not { } registered)
        {
            return;
        }

        services.Remove(registered);
        services.AddSingleton<IAuditLog>(sp => new TrackingAuditLog(registered switch
        {
            { ImplementationInstance: IAuditLog instance } => instance,
            { ImplementationFactory: { } factory } => (IAuditLog)factory(sp),
            _ => (IAuditLog)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
        }));
    }

    // Problems the framework writes (authentication, routing, status code pages) get a stable code like ours do.
    private static string? DefaultProblemCode(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "request.invalid",
        StatusCodes.Status401Unauthorized => "auth.unauthenticated",
        StatusCodes.Status403Forbidden => "auth.forbidden",
        StatusCodes.Status404NotFound => "route.not_found",
        StatusCodes.Status405MethodNotAllowed => "route.method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "request.too_large",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "request.rate_limited",
        StatusCodes.Status500InternalServerError => "server.error",
        _ => null,
    };

    private static void ApplyConcordatJson(JsonOptions options)
    {
        var source = ConcordatJson.Options;
        var target = options.SerializerOptions;
        target.PropertyNamingPolicy = source.PropertyNamingPolicy;
        target.DictionaryKeyPolicy = source.DictionaryKeyPolicy;
        target.PropertyNameCaseInsensitive = source.PropertyNameCaseInsensitive;
        target.DefaultIgnoreCondition = source.DefaultIgnoreCondition;
        target.UnmappedMemberHandling = source.UnmappedMemberHandling;
        target.NumberHandling = source.NumberHandling;
        // Request bodies are strict JSON (no comments, trailing commas or duplicate names), unlike the files people edit.
        Concordat.Server.Api.ApiJson.Apply(target);
        foreach (var converter in source.Converters)
        {
            target.Converters.Add(converter);
        }
    }
}

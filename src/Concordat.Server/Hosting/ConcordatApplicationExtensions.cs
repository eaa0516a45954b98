using Concordat.Server.Api.Agreements;
using Concordat.Server.Api.Audit;
using Concordat.Server.Api.Catalogue;
using Concordat.Server.Api.Clients;
using Concordat.Server.Api.Datasets;
using Concordat.Server.Api.Exchange;
using Concordat.Server.Api.Subscriptions;
using Concordat.Server.Api.Organisations;
using Concordat.Server.Api.Persons;
using Concordat.Server.Api.Quality;
using Concordat.Server.Api.Records;
using Concordat.Server.Api.Register;
using Concordat.Server.Api.Runs;
using Concordat.Server.Api.Sources;
using Concordat.Server.Auth;
using Concordat.Server.Citizen;
using Concordat.Server.Citizen.DemoIdentity;
using Concordat.Server.Demo;
using Concordat.Server.Federation;
using Concordat.Server.Portal;
using Concordat.Server.Portal.Staff;
using Concordat.Server.Staff;
using Concordat.Storage;
using Concordat.Storage.Keys;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Concordat.Server.Hosting;

/// <summary>Startup work, the middleware pipeline and the endpoint map of the hub.</summary>
internal static class ConcordatApplicationExtensions
{
    /// <summary>Validates options, migrates the database, loads or creates the signing key and seeds demo data if asked.</summary>
    public static async Task InitialiseConcordatAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var options = app.Services.GetRequiredService<IOptions<ConcordatOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server");
        var dataDirectory = options.DataDirectoryPath;
        // The data directory holds keys, uploads and extracts whichever store holds the tables.
        OwnerOnlyFiles.CreateDirectory(dataDirectory);
        var store = app.Services.GetRequiredService<IStoreDatabase>();
        ServerLog.DataDirectory(logger, dataDirectory, store.Display);
        var address = app.Services.GetRequiredService<PublicAddress>();
        // Logged once Kestrel has bound, so the line names the real addresses (a --urls port, or one the OS chose).
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var bound = string.Join(", ", address.BoundAddresses);
            var tokenUrl = address.Root + "/oauth2/token";
            ServerLog.Listening(logger, bound, tokenUrl);
        });
        _ = app.Services.GetRequiredService<TokenSigningKey>();
        if (app.Services.FederationEnabled())
        {
            app.Services.InitialiseFederation(logger);
        }

        if (options.SeedDemo)
        {
            await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }

        if (StaffServiceCollectionExtensions.DemoProviderOn(app.Services.GetRequiredService<IOptions<StaffOptions>>().Value, options))
        {
            StaffLog.DemoProviderOn(logger);
            _ = app.Services.GetRequiredService<DemoIdentitySigningKey>();
        }

        var citizen = app.Services.GetRequiredService<IOptions<CitizenOptions>>().Value;
        if (CitizenServiceCollectionExtensions.DemoProviderOn(citizen, options))
        {
            CitizenLog.DemoProviderOn(logger);
            _ = app.Services.GetRequiredService<DemoIdentitySigningKey>();
            if (citizen.SeedDemoRecords)
            {
                await app.Services.GetRequiredService<DemoCitizenSeeder>().SeedAsync(cancellationToken);
            }
        }
    }

    /// <summary>The middleware pipeline, outermost first.</summary>
    public static WebApplication UseConcordatPipeline(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        if (app.Services.FederationEnabled())
        {
            // Before anything else reads the request: the two listeners stay apart and every federation request is a member's.
            app.UseMiddleware<FederationGateMiddleware>();
        }

        app.UseAuthentication();
        // After authentication, which answers the sign-in callbacks that have no endpoint; before authorization, whose
        // fallback policy would answer an unknown page with 401.
        app.UseMiddleware<NotFoundPageMiddleware>();
        app.UseRateLimiter();
        // Everything a data route refuses from here on (a missing role, a body over the limit, a body that does not
        // bind) is one audit entry; what the two above refuse is counted as security events instead.
        app.UseMiddleware<DataRouteAuditMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        return app;
    }

    /// <summary>Maps every endpoint. Public ones say so with AllowAnonymous; everything else needs a token.</summary>
    public static WebApplication MapConcordatEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous().DisableRateLimiting().WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .AllowAnonymous().DisableRateLimiting().WithTags("Health");
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/scalar", options => options
                .WithTitle("Concordat API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .AddPreferredSecuritySchemes(BearerSecuritySchemeTransformer.SchemeName))
            .AllowAnonymous();
        app.MapTokenEndpoints();
        app.MapPortalEndpoints();
        app.MapCitizenEndpoints();
        app.MapStaffPortal();
        var hub = app.Services.GetRequiredService<IOptions<ConcordatOptions>>().Value;
        if (CitizenServiceCollectionExtensions.DemoProviderOn(app.Services.GetRequiredService<IOptions<CitizenOptions>>().Value, hub)
            || StaffServiceCollectionExtensions.DemoProviderOn(app.Services.GetRequiredService<IOptions<StaffOptions>>().Value, hub))
        {
            app.MapDemoIdentityEndpoints();
        }

        app.MapAuditKeyEndpoint();
        if (app.Services.FederationEnabled())
        {
            app.MapFederationHealth();
            var federation = app.MapFederationEndpoints();
            FederatedExchangeProvider.Map(federation);
            WitnessEndpoints.Map(federation);
        }

        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapOrganisationEndpoints();
        api.MapClientEndpoints();
        api.MapDatasetEndpoints();
        api.MapCatalogueEndpoints();
        api.MapSourceEndpoints();
        api.MapRunEndpoints();
        api.MapRecordEndpoints();
        api.MapAgreementEndpoints();
        api.MapAgreementLifecycleEndpoints();
        api.MapConsentEndpoints();
        api.MapRegisterEndpoints();
        api.MapAuditEndpoints();
        api.MapExchangeEndpoints();
        api.MapBulkExchangeEndpoints();
        api.MapSubscriptionEndpoints();
        api.MapQualityEndpoints();
        api.MapPersonEndpoints();
        api.MapConsumerMatchEndpoints();
        api.MapLinkageExplainEndpoints();
        return app;
    }
}

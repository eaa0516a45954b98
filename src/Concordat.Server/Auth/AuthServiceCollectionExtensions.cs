using Concordat.Core.Keys;
using Concordat.Storage.Keys;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Auth;

/// <summary>Registers token issuing, bearer validation and the authorization policies.</summary>
internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddConcordatAuth(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConcordatOptions>>().Value;
            var (key, created) = SigningKeyStore.LoadOrCreate(options.KeysDirectoryPath, sp.GetRequiredService<KeySealer>());
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Concordat.Server.Auth.SigningKey");
            if (created)
            {
                AuthLog.SigningKeyCreated(logger, key.KeyId, options.KeysDirectoryPath);
            }
            else if (OwnerOnlyFiles.IsExposed(Path.Combine(options.KeysDirectoryPath, SigningKeyStore.FileName)))
            {
                AuthLog.SigningKeyExposed(logger, options.KeysDirectoryPath);
            }

            return key;
        });
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<ClientStanding>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorizationBuilder()
            // Deny by default: an endpoint that says nothing about authorization needs a valid token.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build())
            .AddPolicy(AuthPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Admin))
            .AddPolicy(AuthPolicies.Steward, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Steward, RoleNames.Admin))
            .AddPolicy(AuthPolicies.Consumer, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Consumer, RoleNames.Steward, RoleNames.Dpo, RoleNames.Admin))
            .AddPolicy(AuthPolicies.Exchange, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Consumer))
            .AddPolicy(AuthPolicies.AgreementOfficer, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Steward, RoleNames.Dpo))
            .AddPolicy(AuthPolicies.AuditReader, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Admin, RoleNames.Dpo));
        return services;
    }
}

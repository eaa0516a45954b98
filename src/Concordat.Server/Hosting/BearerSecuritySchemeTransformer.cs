using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Concordat.Server.Hosting;

/// <summary>Describes the hub's OAuth2 client-credentials security in the OpenAPI document.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "oauth2";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "Concordat API";
        document.Info.Description = "Data sharing hub for UK government departments. Get a token from /oauth2/token with the client credentials grant and send it as a Bearer token.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "OAuth2 client credentials; the access token is an ES256 JWT (RFC 9068).",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/oauth2/token", UriKind.Relative),
                    Scopes = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["admin"] = "Run the hub: organisations and clients.",
                        ["steward"] = "Manage your organisation's datasets, sources and records.",
                        ["consumer"] = "Read the catalogue.",
                    },
                },
            },
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}

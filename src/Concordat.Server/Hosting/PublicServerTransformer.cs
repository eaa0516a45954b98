using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Concordat.Server.Hosting;

/// <summary>Names the hub's public address as the OpenAPI document's only server, instead of the request's Host.</summary>
internal sealed class PublicServerTransformer : IOpenApiDocumentTransformer
{
    private readonly PublicAddress _address;

    public PublicServerTransformer(PublicAddress address) => _address = address;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Servers = [new OpenApiServer { Url = _address.Root }];
        return Task.CompletedTask;
    }
}

namespace Concordat.Core.Catalogue;

/// <summary>Persistence of API clients and their hashed secrets. The plain secret is never stored.</summary>
public interface IClientStore
{
    /// <summary>Registers a client with the hash of its secret; conflict when the id is taken.</summary>
    Task<Result<ApiClient>> CreateClientAsync(ApiClient client, ClientSecretHash secret, CancellationToken cancellationToken);

    /// <summary>Finds a client and its secret hash.</summary>
    Task<(ApiClient Client, ClientSecretHash Secret)?> FindClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Clients of an organisation, or all when null.</summary>
    Task<IReadOnlyList<ApiClient>> ListClientsAsync(string? organisationId, CancellationToken cancellationToken);
}

namespace Concordat.Core.Catalogue;

/// <summary>Persistence of API clients and their hashed secrets. The plain secret is never stored.</summary>
public interface IClientStore
{
    /// <summary>Registers a client with the hash of its secret; conflict when the id is taken.</summary>
    Task<Result<ApiClient>> CreateClientAsync(ApiClient client, ClientSecretHash secret, CancellationToken cancellationToken);

    /// <summary>Finds a client and its secret hash.</summary>
    Task<(ApiClient Client, ClientSecretHash Secret)?> FindClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>
    /// A client without its secret, or null when there is none. Called on every authenticated request to check the
    /// token's client still stands (<see cref="ApiClient.Honours"/>), so implementations keep it to one indexed read.
    /// </summary>
    Task<ApiClient?> GetClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Disables a client at <paramref name="at"/>: it gets no more tokens and the tokens it holds stop working. Not found when there is no such client.</summary>
    Task<Result<ApiClient>> DisableClientAsync(string clientId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Clients of an organisation, or all when null.</summary>
    Task<IReadOnlyList<ApiClient>> ListClientsAsync(string? organisationId, CancellationToken cancellationToken);
}

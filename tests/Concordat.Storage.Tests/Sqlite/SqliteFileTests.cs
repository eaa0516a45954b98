using Concordat.Core.Catalogue;

namespace Concordat.Storage.Tests.Sqlite;

/// <summary>What the SQLite file itself holds (the dialect-free behaviour is in the catalogue contract).</summary>
public sealed class SqliteFileTests : IDisposable
{
    private readonly TempDatabase _db = new();

    [Fact]
    public async Task Client_secret_is_stored_only_as_a_hash_that_verifies()
    {
        await _db.SeedDatasetAsync();
        var (secret, hash) = ClientSecretHash.Mint();
        await _db.Clients.CreateClientAsync(new ApiClient("hmrc-steward", "hmrc", "Steward", ClientRole.Steward, DateTimeOffset.UtcNow), hash, default);

        var found = await _db.Clients.FindClientAsync("hmrc-steward", default);
        Assert.NotNull(found);
        Assert.True(found.Value.Secret.Verify(secret));
        Assert.False(found.Value.Secret.Verify(secret + "x"));
        var bytes = await File.ReadAllBytesAsync(_db.Database.Path);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(secret)));
    }

    public void Dispose() => _db.Dispose();
}

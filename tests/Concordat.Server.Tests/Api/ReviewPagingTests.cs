using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Concordat.Core.Linkage;
using Concordat.Server.Tests.Infrastructure;
using Concordat.Storage.Sqlite;

namespace Concordat.Server.Tests.Api;

/// <summary>
/// The review queue over HTTP pages to its end (issue 14.5): the store used to cut every page at 1,000 items, so a
/// request for the largest page (1,000, asking the store for one more to learn whether more follow) got no next
/// cursor and the rest of the queue looked absent.
/// </summary>
public sealed class ReviewPagingTests : IClassFixture<ReviewPagingTests.SeededHost>
{
    private readonly SeededHost _host;

    public ReviewPagingTests(SeededHost host) => _host = host;

    [Fact]
    public async Task The_largest_page_of_reviews_still_points_to_the_next()
    {
        using var http = await _host.AsAsync("hub-admin");

        var first = await http.GetFromJsonAsync<JsonObject>("/api/v1/linkage/reviews?limit=1000");
        var next = (string?)first!["next"];
        var second = await http.GetFromJsonAsync<JsonObject>($"/api/v1/linkage/reviews?limit=1000&after={next}");

        Assert.Equal(1000, first["items"]!.AsArray().Count);
        Assert.NotNull(next);
        Assert.Single(second!["items"]!.AsArray());
        Assert.Null(second["next"]);
    }

    public sealed class SeededHost : ConcordatHost
    {
        public SeededHost()
        {
            EnsureStarted();
            var items = Enumerable.Range(0, 1_001).Select(i => new ReviewItem
            {
                Left = new RecordRef("dwp-claimants", $"D{i:D4}"),
                Right = new RecordRef("hmrc-taxpayers", $"T{i:D4}"),
                MatchWeight = 0.5,
                MatchProbability = 0.6,
            }).ToList();
            new SqlitePersonStore(Database)
                .SaveAsync(new PersonResolution { Persons = [], ReviewQueue = items, NewPersons = 0, NewlyLinkedRecords = 0, PairsScored = items.Count }, DateTimeOffset.UtcNow, default)
                .GetAwaiter().GetResult();
        }
    }
}

using System.Text.Json;

namespace Concordat.Server.Tests.Infrastructure;

/// <summary>Reads and checks RFC 9457 problem responses.</summary>
public static class Problem
{
    /// <summary>Asserts the response is problem+json with the status and returns the parsed body.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("traceId").GetString()));
        return body;
    }

    public static string Code(JsonElement problem) => problem.GetProperty("code").GetString()!;
}

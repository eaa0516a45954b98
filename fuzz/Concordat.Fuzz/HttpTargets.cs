using System.Text;

namespace Concordat.Fuzz;

/// <summary>
/// Bearer tokens and request bodies through the real hub: any answer but a 5xx is fine (a 400, 401, 403, 404, 413 or
/// 415 problem is the documented refusal); a 5xx is thrown, so the fuzzer keeps the input as a crash.
/// </summary>
public static class HttpTargets
{
    // The routes that read a JSON body, chosen by the input's first byte.
    private static readonly string[] BodyRoutes =
    [
        "/api/v1/exchange/lookups",
        "/api/v1/exchange/verifications",
        "/api/v1/exchange/extracts",
        "/api/v1/exchange/aggregates",
        "/api/v1/exchange/subscriptions",
        "/api/v1/agreements",
        "/api/v1/consents",
        "/api/v1/persons/match",
    ];

    private static readonly Lazy<FuzzHub> Hub = new(() =>
    {
        var hub = new FuzzHub();
        hub.StartServer();
        return hub;
    });

    private static readonly Lazy<HttpClient> Consumer = new(() => Hub.Value.As("leeds-council-service"));

    private static readonly Lazy<HttpClient> Anonymous = new(() => Hub.Value.Anonymous());

    public static IEnumerable<FuzzTarget> All() =>
    [
        new("token", Token, () => _ = Anonymous.Value),
        new("request-body", Body, () => _ = Consumer.Value),
    ];

    private static void Token(byte[] bytes)
    {
        // A header value carries visible ASCII only; map each byte into it so every input reaches the server.
        var token = new string(bytes.Take(8192).Select(b => (char)(0x21 + (b % 0x5E))).ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/agreements");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        Check(Anonymous.Value.SendAsync(request).GetAwaiter().GetResult(), "token");
    }

    private static void Body(byte[] bytes)
    {
        var route = BodyRoutes[bytes.Length == 0 ? 0 : bytes[0] % BodyRoutes.Length];
        using var request = new HttpRequestMessage(HttpMethod.Post, route)
        {
            Content = new ByteArrayContent(bytes.Length == 0 ? bytes : bytes[1..]) { Headers = { { "Content-Type", "application/json" } } },
        };
        Check(Consumer.Value.SendAsync(request).GetAwaiter().GetResult(), route);
    }

    private static void Check(HttpResponseMessage response, string what)
    {
        using (response)
        {
            if ((int)response.StatusCode >= 500)
            {
                var body = Encoding.UTF8.GetString(response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
                throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {body}");
            }
        }
    }

    /// <summary>Stops the hub if a target started it.</summary>
    public static void Stop()
    {
        if (Hub.IsValueCreated)
        {
            Hub.Value.Dispose();
        }
    }
}

using System.Diagnostics;
using Npgsql;

namespace Concordat.Server.Tests.Infrastructure;

/// <summary>
/// What the tests that run hubs as separate processes (<see cref="HubProcess"/>) share: a client token from a hub, the
/// built CLI against a data directory and store, and one statement against the PostgreSQL database behind the hubs.
/// </summary>
public static class ProcessHubs
{
    /// <summary>An access token for <paramref name="id"/> by the client credentials grant; fails the test if refused.</summary>
    public static async Task<string> ClientTokenAsync(HttpClient http, string id, string secret)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
        }));
        response.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Runs the built <c>concordat</c> CLI with <c>--data</c> and <c>--store</c> before <paramref name="args"/>; its exit code and stdout then stderr.</summary>
    public static async Task<(int Code, string Output)> CliAsync(string dataDirectory, string store, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repository.PathOf("src", "Concordat.Cli", "bin", Repository.Configuration, "net10.0", "concordat.dll"));
        foreach (var arg in new[] { "--data", dataDirectory, "--store", store }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Runs one statement on its own connection.</summary>
    public static async Task PostgresExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The <see cref="long"/> one query returns, on its own connection.</summary>
    public static async Task<long> PostgresScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using System.CommandLine;
using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Governance;

namespace Concordat.Cli.Commands;

/// <summary>What the agreement commands share: who the operator acts as, and reading terms files.</summary>
internal static class AgreementCli
{
    public static Option<string> AsOption() => new("--as")
    {
        Description = "The registered client you act as (its organisation and roles apply), e.g. dwp-dpo.",
        Required = true,
    };

    public static Option<string?> ReasonOption() => new("--reason") { Description = "Why, for the agreement's history." };

    public static Argument<string> IdArgument() => new("agreement-id") { Description = "The agreement id." };

    /// <summary>The actor for <c>--as</c>: a registered, enabled client.</summary>
    public static async Task<Result<AgreementActor>> ActorAsync(CliContext context, string clientId, CancellationToken cancellationToken)
    {
        var found = await context.Clients.FindClientAsync(clientId, cancellationToken);
        if (found is not { } entry)
        {
            return Error.NotFound("client.not_found", $"No client '{clientId}'; register it with 'concordat clients add'.");
        }

        return entry.Client.DisabledAt is null
            ? new AgreementActor(entry.Client.ClientId, entry.Client.OrganisationId, entry.Client.Roles)
            : Error.Forbidden("client.disabled", $"Client '{clientId}' is disabled.");
    }

    /// <summary>Reads agreement terms from a JSON file (the same shape as the API's <c>terms</c>).</summary>
    public static Result<AgreementDraft> ReadTerms(FileInfo file)
    {
        if (!file.Exists)
        {
            return Error.Validation("file.not_found", $"No file '{file.FullName}'.");
        }

        try
        {
            using var stream = file.OpenRead();
            return JsonSerializer.Deserialize<AgreementDraft>(stream, ConcordatJson.Options) is { } draft
                ? draft
                : Error.Validation("terms.empty", $"'{file.Name}' holds no terms.");
        }
        catch (JsonException ex)
        {
            return Error.Validation("terms.invalid_json", $"'{file.Name}' is not valid terms JSON: {ex.Message}");
        }
    }

    /// <summary>Runs a step that needs an actor, printing the outcome.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Option<string> asOption, Func<CliContext, AgreementActor, Task<Result<Agreement>>> step, string done, CancellationToken cancellationToken)
    {
        var context = CliContext.Open(parse);
        var actor = await ActorAsync(context, parse.GetValue(asOption)!, cancellationToken);
        if (!actor.IsSuccess)
        {
            return CliOutput.Fail(actor.Errors);
        }

        var result = await step(context, actor.Value);
        if (!result.IsSuccess)
        {
            return CliOutput.Fail(result.Errors);
        }

        CliOutput.Done($"{done}: agreement {result.Value.Id} version {result.Value.Version} is {result.Value.Status.ToString().ToLowerInvariant()}.");
        return ExitCodes.Success;
    }

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, ConcordatJson.Indented));
}

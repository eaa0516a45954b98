using System.Text.Json.Nodes;

namespace Concordat.Server.Api.Persons;

/// <summary>Two records to compare under a linkage settings file and its trained model.</summary>
/// <param name="Settings">The linkage settings (the same JSON as a settings file).</param>
/// <param name="Model">The trained model (the JSON <c>concordat link train</c> writes).</param>
/// <param name="Left">The first record: column name to value.</param>
/// <param name="Right">The second record: column name to value.</param>
public sealed record ExplainPairRequest(JsonObject Settings, JsonObject Model, IReadOnlyDictionary<string, string?> Left, IReadOnlyDictionary<string, string?> Right);

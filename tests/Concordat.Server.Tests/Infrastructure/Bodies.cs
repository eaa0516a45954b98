using System.Text;
using System.Text.Json.Nodes;

namespace Concordat.Server.Tests.Infrastructure;

/// <summary>Request bodies used across tests.</summary>
public static class Bodies
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static JsonObject PersonSchema() => new()
    {
        ["fields"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "nino",
                ["type"] = "string",
                ["description"] = "National Insurance number.",
                ["classification"] = "OFFICIAL-SENSITIVE",
                ["personalData"] = "personal",
                ["identifier"] = "nino",
                ["constraints"] = new JsonObject { ["required"] = true },
            },
            new JsonObject
            {
                ["name"] = "familyName",
                ["type"] = "string",
                ["classification"] = "OFFICIAL",
                ["personalData"] = "personal",
                ["constraints"] = new JsonObject { ["maxLength"] = 100 },
            },
            new JsonObject
            {
                ["name"] = "weeklyAmount",
                ["type"] = "number",
                ["unit"] = "GBP",
                ["classification"] = "OFFICIAL",
                ["personalData"] = "none",
            }),
        ["primaryKey"] = new JsonArray("nino"),
    };

    public static JsonObject Dataset(string id, string organisationId) => new()
    {
        ["id"] = id,
        ["organisationId"] = organisationId,
        ["title"] = "Test dataset " + id,
        ["description"] = "A dataset made by a test.",
        ["keywords"] = new JsonArray("test"),
        ["schema"] = PersonSchema(),
    };
}

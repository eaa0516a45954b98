using System.Text.Json.Nodes;
using Concordat.Core.Catalogue;

namespace Concordat.Core.Tests.Quality;

/// <summary>A small person dataset and helpers for profiling tests.</summary>
internal static class ProfileData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static Dataset People() => new("dwp-people", "dwp", "People", new DatasetSchema(
        [
            new SchemaField("id", FieldType.Integer),
            new SchemaField("nino", FieldType.String) { Identifier = IdentifierKind.Nino, PersonalData = PersonalDataCategory.Personal },
            new SchemaField("surname", FieldType.String) { PersonalData = PersonalDataCategory.Personal },
            new SchemaField("status", FieldType.String),
            new SchemaField("dateOfBirth", FieldType.Date) { PersonalData = PersonalDataCategory.Personal },
            new SchemaField("dateOfDeath", FieldType.Date),
            new SchemaField("income", FieldType.Number),
        ],
        ["id"]));

    public static byte[] Payload(params (string Name, object? Value)[] fields)
    {
        var node = new JsonObject();
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                node[name] = JsonValue.Create(value);
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}

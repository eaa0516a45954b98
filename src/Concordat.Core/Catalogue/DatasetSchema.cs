namespace Concordat.Core.Catalogue;

/// <summary>The schema of a dataset: ordered fields and the key that identifies a record across ingest runs.</summary>
public sealed record DatasetSchema
{
    /// <summary>Creates a schema.</summary>
    public DatasetSchema(IReadOnlyList<SchemaField> fields, IReadOnlyList<string> primaryKey)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(primaryKey);
        Fields = fields;
        PrimaryKey = primaryKey;
    }

    /// <summary>Fields in declaration order.</summary>
    public IReadOnlyList<SchemaField> Fields { get; }

    /// <summary>Names of the fields whose values together identify a record; may be empty for keyless append-only data.</summary>
    public IReadOnlyList<string> PrimaryKey { get; }

    /// <summary>Finds a field by exact name.</summary>
    public SchemaField? Find(string name)
    {
        foreach (var field in Fields)
        {
            if (string.Equals(field.Name, name, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>Index of a field by exact name, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

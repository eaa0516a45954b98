namespace Concordat.Core.Catalogue;

/// <summary>The logical type of a schema field, aligned with Frictionless Table Schema types.</summary>
public enum FieldType
{
    /// <summary>Unicode text.</summary>
    String,
    /// <summary>A whole number that fits in a signed 64-bit integer.</summary>
    Integer,
    /// <summary>A decimal number.</summary>
    Number,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>A calendar date, ISO 8601 <c>yyyy-MM-dd</c>.</summary>
    Date,
    /// <summary>An instant, ISO 8601 with offset, stored in UTC.</summary>
    DateTime,
}

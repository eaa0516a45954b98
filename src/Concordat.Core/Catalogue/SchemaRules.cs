using System.Text.RegularExpressions;

namespace Concordat.Core.Catalogue;

/// <summary>Consistency rules every dataset schema keeps, whichever way it arrived.</summary>
public static partial class SchemaRules
{
    /// <summary>Longest time a field's pattern constraint may take on one value before the value is refused.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Every problem with the schema; empty when it is sound.</summary>
    public static IReadOnlyList<Error> Check(DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<Error>();
        if (schema.Fields.Count == 0)
        {
            errors.Add(Error.Validation("schema.no_fields", "The schema needs at least one field.", "fields"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            if (!FieldName().IsMatch(field.Name))
            {
                errors.Add(Error.Validation("schema.bad_field_name", $"Field name '{field.Name}' must start with a letter and hold only letters, digits and underscores (at most 64).", field.Name));
            }

            if (!seen.Add(field.Name))
            {
                errors.Add(Error.Validation("schema.duplicate_field", $"Field '{field.Name}' appears more than once.", field.Name));
            }

            if (field.Constraints.Pattern is { } pattern)
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
                }
                catch (ArgumentException ex)
                {
                    errors.Add(Error.Validation("schema.bad_pattern", $"Field '{field.Name}' has an invalid pattern: {ex.Message}", field.Name));
                }
            }

            if (field.Constraints is { MinLength: { } min, MaxLength: { } max } && min > max)
            {
                errors.Add(Error.Validation("schema.bad_length", $"Field '{field.Name}' has minLength {min} above maxLength {max}.", field.Name));
            }
        }

        foreach (var key in schema.PrimaryKey)
        {
            if (schema.Find(key) is null)
            {
                errors.Add(Error.Validation("schema.unknown_key_field", $"Primary key field '{key}' is not in the schema.", "primaryKey"));
            }
        }

        return errors;
    }

    /// <summary>Checks an organisation or dataset id: 2 to 64 lower-case letters, digits and hyphens, starting with a letter.</summary>
    public static bool IsValidSlug(string? id) => id is not null && Slug().IsMatch(id);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();

    [GeneratedRegex("^[a-z][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}

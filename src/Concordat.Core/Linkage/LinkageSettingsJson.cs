using System.Text.Json;

namespace Concordat.Core.Linkage;

/// <summary>Reads and writes linkage settings files (JSON, camelCase, comments allowed). Thread safe.</summary>
public static class LinkageSettingsJson
{
    /// <summary>
    /// Parses and checks settings; fails with <c>linkage.settings_invalid</c> for malformed JSON, an unknown property
    /// or comparison type, and with the errors of <see cref="LinkageSettings.ValidateShape"/>.
    /// </summary>
    public static Result<LinkageSettings> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        LinkageSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<LinkageSettings>(json, ConcordatJson.Options);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? "" : $" at {ex.Path}";
            return Error.Validation("linkage.settings_invalid", $"The settings file is not valid{where}: {FirstSentence(ex.Message)}");
        }

        if (settings is null)
        {
            return Error.Validation("linkage.settings_invalid", "The settings file is empty.");
        }

        var errors = settings.ValidateShape();
        return errors.Count > 0 ? Result<LinkageSettings>.Failure(errors) : settings;
    }

    /// <summary>The settings as indented JSON.</summary>
    public static string Write(LinkageSettings settings) => JsonSerializer.Serialize(settings, ConcordatJson.Indented);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}

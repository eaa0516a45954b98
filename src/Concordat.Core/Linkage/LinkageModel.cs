using System.Text.Json;

namespace Concordat.Core.Linkage;

/// <summary>
/// A trained Fellegi-Sunter model: the prior probability that two random records match and m/u per comparison
/// level. Saved as JSON and reused with the same settings. Immutable.
/// </summary>
public sealed record LinkageModel
{
    /// <summary>The file format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The prior: the probability that two records drawn at random are the same person.</summary>
    public required double ProbabilityTwoRandomRecordsMatch { get; init; }

    /// <summary>One entry per settings comparison, in order.</summary>
    public required IReadOnlyList<ComparisonModel> Comparisons { get; init; }

    /// <summary>Notes from training, such as levels never seen.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The prior as a match weight, log2(λ / (1 - λ)).</summary>
    public double PriorWeight => Math.Log2(ProbabilityTwoRandomRecordsMatch / (1 - ProbabilityTwoRandomRecordsMatch));

    /// <summary>The model as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ConcordatJson.Indented);

    /// <summary>Parses a model; fails with <c>linkage.model_invalid</c> when malformed.</summary>
    public static Result<LinkageModel> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var model = JsonSerializer.Deserialize<LinkageModel>(json, ConcordatJson.Options);
            if (model is null || model.Comparisons is null || !(model.ProbabilityTwoRandomRecordsMatch is > 0 and < 1)
                || model.Comparisons.Any(c => c.Levels is null || c.Levels.Any(l => !(l.M is > 0 and < 1) || !(l.U is > 0 and < 1))))
            {
                return Error.Validation("linkage.model_invalid", "The model file is incomplete: every probability must lie strictly between 0 and 1.");
            }

            return model;
        }
        catch (JsonException ex)
        {
            return Error.Validation("linkage.model_invalid", $"The model file is not valid JSON for a model: {ex.Message}");
        }
    }

    /// <summary>Checks that the model was trained for settings with the same comparisons and levels.</summary>
    public IReadOnlyList<Error> CheckAgainst(LinkageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<Error>();
        if (settings.Comparisons.Count != Comparisons.Count)
        {
            errors.Add(Error.Validation("linkage.model_mismatch", $"The model has {Comparisons.Count} comparisons but the settings have {settings.Comparisons.Count}; train again."));
            return errors;
        }

        for (var i = 0; i < Comparisons.Count; i++)
        {
            var expected = settings.Comparisons[i].Levels.Count(l => l.Type != ComparisonLevelKind.Null) + 1;
            if (Comparisons[i].Name != settings.Comparisons[i].DisplayName || Comparisons[i].Levels.Count != expected)
            {
                errors.Add(Error.Validation("linkage.model_mismatch", $"Comparison {i + 1} of the model ({Comparisons[i].Name}) does not match the settings' ({settings.Comparisons[i].DisplayName}); train again."));
            }
        }

        return errors;
    }
}

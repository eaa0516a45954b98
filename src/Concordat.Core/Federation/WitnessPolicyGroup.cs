namespace Concordat.Core.Federation;

/// <summary>A <c>group</c> line of a witness policy: witnessed when at least <paramref name="Threshold"/> members are.</summary>
/// <param name="Name">The group's name.</param>
/// <param name="Threshold">How many members must have witnessed (all and any are resolved to numbers).</param>
/// <param name="Members">Witness or group names, each defined earlier.</param>
public sealed record WitnessPolicyGroup(string Name, int Threshold, IReadOnlyList<string> Members);

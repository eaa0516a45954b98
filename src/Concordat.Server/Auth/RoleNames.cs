using Concordat.Core.Catalogue;

namespace Concordat.Server.Auth;

/// <summary>The wire names of client roles, as they appear in tokens, scopes and the API.</summary>
public static class RoleNames
{
    /// <summary>Runs the hub.</summary>
    public const string Admin = "admin";

    /// <summary>Manages its organisation's datasets.</summary>
    public const string Steward = "steward";

    /// <summary>Reads the catalogue and asks for data under agreements.</summary>
    public const string Consumer = "consumer";

    /// <summary>Data protection officer: approves the lawfulness of its organisation's agreements.</summary>
    public const string Dpo = "dpo";

    private static readonly (ClientRole Role, string Name)[] All =
    [
        (ClientRole.Admin, Admin),
        (ClientRole.Steward, Steward),
        (ClientRole.Consumer, Consumer),
        (ClientRole.Dpo, Dpo),
    ];

    /// <summary>The names of the roles set in <paramref name="roles"/>, in a fixed order.</summary>
    public static IReadOnlyList<string> Of(ClientRole roles) =>
        All.Where(r => roles.HasFlag(r.Role)).Select(r => r.Name).ToList();

    /// <summary>Parses one role name; false for an unknown name.</summary>
    public static bool TryParse(string? name, out ClientRole role)
    {
        foreach (var (value, text) in All)
        {
            if (string.Equals(text, name, StringComparison.Ordinal))
            {
                role = value;
                return true;
            }
        }

        role = ClientRole.None;
        return false;
    }
}

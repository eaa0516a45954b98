using System.Text.Json;
using Concordat.Core.Audit;

namespace Concordat.Storage;

/// <summary>How every dialect stores a <see cref="SecurityEventKind"/>: kebab case (<c>rate-limited</c>).</summary>
internal static class SecurityEventKindNames
{
    public static string Of(SecurityEventKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static SecurityEventKind Parse(string name) =>
        Enum.GetValues<SecurityEventKind>().First(k => string.Equals(Of(k), name, StringComparison.Ordinal));
}

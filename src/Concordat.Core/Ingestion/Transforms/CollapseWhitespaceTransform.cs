namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>collapseWhitespace</c>: replaces every run of white space (spaces, tabs, line breaks, non-breaking spaces) with
/// one space and removes it from both ends, like XML Schema's <c>whiteSpace="collapse"</c>. Immutable and thread safe.
/// </summary>
public sealed class CollapseWhitespaceTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "collapseWhitespace";

    private const int StackLimit = 256;

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        failure = null;
        if (input is null || !NeedsChange(input))
        {
            output = input;
            return true;
        }

        Span<char> buffer = input.Length <= StackLimit ? stackalloc char[input.Length] : new char[input.Length];
        int length = 0;
        bool pendingSpace = false;
        foreach (char c in input)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            buffer[length++] = c;
        }

        output = new string(buffer[..length]);
        return true;
    }

    private static bool NeedsChange(string input)
    {
        if (input.Length == 0)
        {
            return false;
        }

        if (char.IsWhiteSpace(input[0]) || char.IsWhiteSpace(input[^1]))
        {
            return true;
        }

        bool previousSpace = false;
        foreach (char c in input)
        {
            bool space = char.IsWhiteSpace(c);
            if (space && (previousSpace || c != ' '))
            {
                return true;
            }

            previousSpace = space;
        }

        return false;
    }
}

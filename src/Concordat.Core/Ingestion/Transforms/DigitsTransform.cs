using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>digits</c>: keeps only the ASCII digits 0 to 9 (<c>(0161) 496-0000</c> becomes <c>01614960000</c>); a value
/// without digits becomes empty. Immutable and thread safe.
/// </summary>
public sealed class DigitsTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "digits";

    private const int StackLimit = 256;

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        failure = null;
        if (input is null || IdentifierText.IsAsciiDigits(input))
        {
            output = input;
            return true;
        }

        Span<char> buffer = input.Length <= StackLimit ? stackalloc char[input.Length] : new char[input.Length];
        int length = 0;
        foreach (char c in input)
        {
            if (char.IsAsciiDigit(c))
            {
                buffer[length++] = c;
            }
        }

        output = length == 0 ? string.Empty : new string(buffer[..length]);
        return true;
    }
}

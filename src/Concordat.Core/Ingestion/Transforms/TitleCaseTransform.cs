namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>title</c> (or <c>case</c> with value <c>title</c>): capitalises the first letter of each word and lower-cases
/// the rest, with rules for British and Irish names. Immutable and thread safe.
/// </summary>
/// <remarks>
/// <para>A word starts after white space, a hyphen, a full stop, a slash or an opening bracket, so
/// <c>SMITH-JONES</c> becomes <c>Smith-Jones</c> and <c>j.r.r.</c> becomes <c>J.R.R.</c>.</para>
/// <para>After an apostrophe that follows a single letter a new word starts (<c>O'BRIEN</c> becomes
/// <c>O'Brien</c>, <c>d'arcy</c> becomes <c>D'Arcy</c>) but not after a longer word (<c>don't</c> becomes
/// <c>Don't</c>).</para>
/// <para>A word starting <c>Mc</c> capitalises its third letter (<c>MCDONALD</c> becomes <c>McDonald</c>).
/// <c>Mac</c> is left alone because it is ambiguous (<c>MacDonald</c> but <c>Mackie</c>, <c>Macey</c>), as are
/// particles (<c>van</c>, <c>de</c>), which become <c>Van</c>, <c>De</c>: title case cannot know a family's own
/// spelling, so keep source casing where it is already good.</para>
/// </remarks>
public sealed class TitleCaseTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "title";

    private const int StackLimit = 256;

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        failure = null;
        if (string.IsNullOrEmpty(input))
        {
            output = input;
            return true;
        }

        Span<char> buffer = input.Length <= StackLimit ? stackalloc char[input.Length] : new char[input.Length];
        Apply(input, buffer);
        output = buffer.SequenceEqual(input) ? input : new string(buffer);
        return true;
    }

    private static void Apply(ReadOnlySpan<char> input, Span<char> buffer)
    {
        bool startOfWord = true;
        int wordStart = 0;
        for (int i = 0; i < input.Length; i++)
        {
            char c = input[i];
            if (char.IsLetter(c))
            {
                if (startOfWord)
                {
                    buffer[i] = char.ToUpperInvariant(c);
                    wordStart = i;
                    startOfWord = false;
                }
                else if (i == wordStart + 2 && buffer[wordStart] == 'M' && buffer[wordStart + 1] == 'c')
                {
                    buffer[i] = char.ToUpperInvariant(c);
                }
                else
                {
                    buffer[i] = char.ToLowerInvariant(c);
                }

                continue;
            }

            buffer[i] = c;
            if (c is '\'' or '\u2019')
            {
                // O'Brien, D'Arcy: the apostrophe follows a one-letter word.
                startOfWord = startOfWord || (i == wordStart + 1 && char.IsLetter(buffer[wordStart]));
            }
            else
            {
                startOfWord = char.IsWhiteSpace(c) || c is '-' or '.' or '/' or '(' or '"' or '\u2010' or '\u2013';
            }
        }
    }
}

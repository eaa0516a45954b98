namespace Concordat.Core.Linkage;

/// <summary>
/// American Soundex (the US National Archives rules): the first letter, then up to three digits for the following
/// consonant sounds, letters with the same digit on either side of H or W coded once, padded with zeros. Letters
/// outside A to Z are ignored. Pure and thread safe.
/// </summary>
public static class Soundex
{
    //                                       ABCDEFGHIJKLMNOPQRSTUVWXYZ
    private static readonly string Digits = "01230120022455012623010202";

    /// <summary>The four-character code, e.g. ROBERT and RUPERT give R163; empty when the text has no letter.</summary>
    public static string Encode(ReadOnlySpan<char> text)
    {
        Span<char> code = stackalloc char[4];
        var length = 0;
        var previous = '\0';
        foreach (var raw in text)
        {
            var c = char.ToUpperInvariant(raw);
            if (c is < 'A' or > 'Z')
            {
                continue;
            }

            var digit = Digits[c - 'A'];
            if (length == 0)
            {
                code[length++] = c;
                previous = digit;
                continue;
            }

            if (c is 'H' or 'W')
            {
                // H and W do not separate letters with the same code.
                continue;
            }

            if (digit == '0')
            {
                // Vowels separate: the same digit after a vowel is coded again.
                previous = '0';
                continue;
            }

            if (digit != previous)
            {
                code[length++] = digit;
                if (length == 4)
                {
                    break;
                }
            }

            previous = digit;
        }

        if (length == 0)
        {
            return "";
        }

        for (var i = length; i < 4; i++)
        {
            code[i] = '0';
        }

        return new string(code);
    }
}

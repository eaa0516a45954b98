using System.Globalization;
using System.Text;

namespace Concordat.Core.Standards;

/// <summary>Removes accents and folds letters that have no decomposition (ß, Æ, Ø, Ł) to plain ASCII. Pure and thread safe.</summary>
internal static class LatinFold
{
    /// <summary>Appends <paramref name="text"/> to <paramref name="output"/> without accents.</summary>
    public static void Append(string text, StringBuilder output)
    {
        var decomposed = text.IsNormalized(NormalizationForm.FormD) ? text : text.Normalize(NormalizationForm.FormD);
        foreach (var c in decomposed)
        {
            if (c < '\u0080')
            {
                output.Append(c);
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // Letters with no Unicode decomposition: the usual transliterations used by passport offices.
            output.Append(c switch
            {
                'ß' => "ss",
                'Æ' => "AE",
                'æ' => "ae",
                'Œ' => "OE",
                'œ' => "oe",
                'Ø' => "O",
                'ø' => "o",
                'Ł' => "L",
                'ł' => "l",
                'Đ' => "D",
                'đ' => "d",
                'Þ' => "TH",
                'þ' => "th",
                'ı' => "i",
                '\u2019' or '\u2018' => "'",
                '\u2010' or '\u2011' or '\u2013' or '\u2014' => "-",
                _ => c.ToString(),
            });
        }
    }
}

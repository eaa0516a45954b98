using System.Text;

namespace Concordat.Core.Linkage;

/// <summary>
/// Double Metaphone (Lawrence Philips, 2000): a primary and an alternate phonetic code of up to four characters for
/// a name, covering English and common European spellings (SMITH gives SM0 and XMT; SCHMIDT gives XMT and SMT).
/// Letters outside A to Z (after upper-casing) are ignored. Pure and thread safe.
/// </summary>
public static class DoubleMetaphone
{
    private const int MaxLength = 4;

    /// <summary>The primary and alternate codes; both empty for a text without letters.</summary>
    public static (string Primary, string Alternate) Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var u = char.ToUpperInvariant(c);
            if (u is >= 'A' and <= 'Z')
            {
                word.Append(u);
            }
        }

        if (word.Length == 0)
        {
            return ("", "");
        }

        return new Encoder(word.ToString()).Run();
    }

    private sealed class Encoder(string value)
    {
        private readonly StringBuilder _primary = new(MaxLength);
        private readonly StringBuilder _alternate = new(MaxLength);
        private readonly string _value = value;
        private readonly int _last = value.Length - 1;
        private readonly bool _slavoGermanic = value.Contains('W', StringComparison.Ordinal) || value.Contains('K', StringComparison.Ordinal)
            || value.Contains("CZ", StringComparison.Ordinal) || value.Contains("WITZ", StringComparison.Ordinal);

        public (string Primary, string Alternate) Run()
        {
            var current = 0;
            if (At(0, "GN", "KN", "PN", "WR", "PS"))
            {
                current = 1;
            }

            if (CharAt(0) == 'X')
            {
                Add("S");
                current = 1;
            }

            while ((_primary.Length < MaxLength || _alternate.Length < MaxLength) && current <= _last)
            {
                current = Step(current);
            }

            return (Cut(_primary), Cut(_alternate));
        }

        private static string Cut(StringBuilder code) => code.Length > MaxLength ? code.ToString(0, MaxLength) : code.ToString();

        private int Step(int current)
        {
            var c = _value[current];
            switch (c)
            {
                case 'A' or 'E' or 'I' or 'O' or 'U' or 'Y':
                    if (current == 0)
                    {
                        Add("A");
                    }

                    return current + 1;
                case 'B':
                    Add("P");
                    return CharAt(current + 1) == 'B' ? current + 2 : current + 1;
                case 'C':
                    return C(current);
                case 'D':
                    if (At(current, "DG"))
                    {
                        if (CharAt(current + 2) is 'I' or 'E' or 'Y')
                        {
                            Add("J");
                            return current + 3;
                        }

                        Add("TK");
                        return current + 2;
                    }

                    Add("T");
                    return At(current, "DT", "DD") ? current + 2 : current + 1;
                case 'F':
                    Add("F");
                    return CharAt(current + 1) == 'F' ? current + 2 : current + 1;
                case 'G':
                    return G(current);
                case 'H':
                    if ((current == 0 || IsVowel(current - 1)) && IsVowel(current + 1))
                    {
                        Add("H");
                        return current + 2;
                    }

                    return current + 1;
                case 'J':
                    return J(current);
                case 'K':
                    Add("K");
                    return CharAt(current + 1) == 'K' ? current + 2 : current + 1;
                case 'L':
                    if (CharAt(current + 1) == 'L')
                    {
                        if (SpanishLl(current))
                        {
                            _primary.Append('L');
                        }
                        else
                        {
                            Add("L");
                        }

                        return current + 2;
                    }

                    Add("L");
                    return current + 1;
                case 'M':
                    Add("M");
                    return (CharAt(current + 1) == 'M' || (At(current - 1, "UMB") && (current + 1 == _last || At(current + 2, "ER")))) ? current + 2 : current + 1;
                case 'N':
                    Add("N");
                    return CharAt(current + 1) == 'N' ? current + 2 : current + 1;
                case 'P':
                    if (CharAt(current + 1) == 'H')
                    {
                        Add("F");
                        return current + 2;
                    }

                    Add("P");
                    return CharAt(current + 1) is 'P' or 'B' ? current + 2 : current + 1;
                case 'Q':
                    Add("K");
                    return CharAt(current + 1) == 'Q' ? current + 2 : current + 1;
                case 'R':
                    if (current == _last && !_slavoGermanic && At(current - 2, "IE") && !At(current - 4, "ME", "MA"))
                    {
                        _alternate.Append('R');
                    }
                    else
                    {
                        Add("R");
                    }

                    return CharAt(current + 1) == 'R' ? current + 2 : current + 1;
                case 'S':
                    return S(current);
                case 'T':
                    return T(current);
                case 'V':
                    Add("F");
                    return CharAt(current + 1) == 'V' ? current + 2 : current + 1;
                case 'W':
                    return W(current);
                case 'X':
                    if (current == 0)
                    {
                        Add("S");
                        return current + 1;
                    }

                    if (!(current == _last && (At(current - 3, "IAU", "EAU") || At(current - 2, "AU", "OU"))))
                    {
                        Add("KS");
                    }

                    return CharAt(current + 1) is 'C' or 'X' ? current + 2 : current + 1;
                case 'Z':
                    if (CharAt(current + 1) == 'H')
                    {
                        Add("J");
                        return current + 2;
                    }

                    if (At(current + 1, "ZO", "ZI", "ZA") || (_slavoGermanic && current > 0 && CharAt(current - 1) != 'T'))
                    {
                        Add("S", "TS");
                    }
                    else
                    {
                        Add("S");
                    }

                    return CharAt(current + 1) == 'Z' ? current + 2 : current + 1;
                default:
                    return current + 1;
            }
        }

        private int C(int current)
        {
            if (current > 1 && !IsVowel(current - 2) && At(current - 1, "ACH") && CharAt(current + 2) != 'I'
                && (CharAt(current + 2) != 'E' || At(current - 2, "BACHER", "MACHER")))
            {
                Add("K");
                return current + 2;
            }

            if (current == 0 && At(current, "CAESAR"))
            {
                Add("S");
                return current + 2;
            }

            if (At(current, "CH"))
            {
                return Ch(current);
            }

            if (At(current, "CZ") && !At(current - 2, "WICZ"))
            {
                Add("S", "X");
                return current + 2;
            }

            if (At(current + 1, "CIA"))
            {
                Add("X");
                return current + 3;
            }

            if (At(current, "CC") && !(current == 1 && CharAt(0) == 'M'))
            {
                if (CharAt(current + 2) is 'I' or 'E' or 'H' && !At(current + 2, "HU"))
                {
                    if ((current == 1 && CharAt(0) == 'A') || At(current - 1, "UCCEE", "UCCES"))
                    {
                        Add("KS");
                    }
                    else
                    {
                        Add("X");
                    }

                    return current + 3;
                }

                Add("K");
                return current + 2;
            }

            if (At(current, "CK", "CG", "CQ"))
            {
                Add("K");
                return current + 2;
            }

            if (At(current, "CI", "CE", "CY"))
            {
                if (At(current, "CIO", "CIE", "CIA"))
                {
                    Add("S", "X");
                }
                else
                {
                    Add("S");
                }

                return current + 2;
            }

            Add("K");
            if (At(current + 1, " C", " Q", " G"))
            {
                return current + 3;
            }

            return CharAt(current + 1) is 'C' or 'K' or 'Q' && !At(current + 1, "CE", "CI") ? current + 2 : current + 1;
        }

        private int Ch(int current)
        {
            if (current > 0 && At(current, "CHAE"))
            {
                Add("K", "X");
                return current + 2;
            }

            if (current == 0 && (At(current + 1, "HARAC", "HARIS") || At(current + 1, "HOR", "HYM", "HIA", "HEM")) && !At(0, "CHORE"))
            {
                Add("K");
                return current + 2;
            }

            if (At(0, "VAN ", "VON ") || At(0, "SCH") || At(current - 2, "ORCHES", "ARCHIT", "ORCHID") || CharAt(current + 2) is 'T' or 'S'
                || ((current == 0 || CharAt(current - 1) is 'A' or 'O' or 'U' or 'E')
                    && (CharAt(current + 2) is 'L' or 'R' or 'N' or 'M' or 'B' or 'H' or 'F' or 'V' or 'W' or ' ' || current + 1 == _last)))
            {
                Add("K");
                return current + 2;
            }

            if (current > 0)
            {
                if (At(0, "MC"))
                {
                    Add("K");
                }
                else
                {
                    Add("X", "K");
                }
            }
            else
            {
                Add("X");
            }

            return current + 2;
        }

        private int G(int current)
        {
            var next = CharAt(current + 1);
            if (next == 'H')
            {
                return Gh(current);
            }

            if (next == 'N')
            {
                if (current == 1 && IsVowel(0) && !_slavoGermanic)
                {
                    Add("KN", "N");
                }
                else if (!At(current + 2, "EY") && CharAt(current + 1) != 'Y' && !_slavoGermanic)
                {
                    Add("N", "KN");
                }
                else
                {
                    Add("KN");
                }

                return current + 2;
            }

            if (At(current + 1, "LI") && !_slavoGermanic)
            {
                Add("KL", "L");
                return current + 2;
            }

            if (current == 0 && (next == 'Y' || At(current + 1, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER")))
            {
                Add("K", "J");
                return current + 2;
            }

            if ((At(current + 1, "ER") || next == 'Y') && !At(0, "DANGER", "RANGER", "MANGER")
                && CharAt(current - 1) is not ('E' or 'I') && !At(current - 1, "RGY", "OGY"))
            {
                Add("K", "J");
                return current + 2;
            }

            if (next is 'E' or 'I' or 'Y' || At(current - 1, "AGGI", "OGGI"))
            {
                if (At(0, "VAN ", "VON ") || At(0, "SCH") || At(current + 1, "ET"))
                {
                    Add("K");
                }
                else if (At(current + 1, "IER"))
                {
                    Add("J");
                }
                else
                {
                    Add("J", "K");
                }

                return current + 2;
            }

            Add("K");
            return next == 'G' ? current + 2 : current + 1;
        }

        private int Gh(int current)
        {
            if (current > 0 && !IsVowel(current - 1))
            {
                Add("K");
                return current + 2;
            }

            if (current == 0)
            {
                Add(CharAt(current + 2) == 'I' ? "J" : "K");
                return current + 2;
            }

            if ((current > 1 && CharAt(current - 2) is 'B' or 'H' or 'D') || (current > 2 && CharAt(current - 3) is 'B' or 'H' or 'D')
                || (current > 3 && CharAt(current - 4) is 'B' or 'H'))
            {
                return current + 2;
            }

            if (current > 2 && CharAt(current - 1) == 'U' && CharAt(current - 3) is 'C' or 'G' or 'L' or 'R' or 'T')
            {
                Add("F");
            }
            else if (current > 0 && CharAt(current - 1) != 'I')
            {
                Add("K");
            }

            return current + 2;
        }

        private int J(int current)
        {
            if (At(current, "JOSE") || At(0, "SAN "))
            {
                if ((current == 0 && CharAt(current + 4) == ' ') || _value.Length == 4 || At(0, "SAN "))
                {
                    Add("H");
                }
                else
                {
                    Add("J", "H");
                }

                return current + 1;
            }

            if (current == 0)
            {
                Add("J", "A");
            }
            else if (IsVowel(current - 1) && !_slavoGermanic && CharAt(current + 1) is 'A' or 'O')
            {
                Add("J", "H");
            }
            else if (current == _last)
            {
                _primary.Append('J');
            }
            else if (CharAt(current + 1) is not ('L' or 'T' or 'K' or 'S' or 'N' or 'M' or 'B' or 'Z') && CharAt(current - 1) is not ('S' or 'K' or 'L'))
            {
                Add("J");
            }

            return CharAt(current + 1) == 'J' ? current + 2 : current + 1;
        }

        private int S(int current)
        {
            if (At(current - 1, "ISL", "YSL"))
            {
                return current + 1;
            }

            if (current == 0 && At(current, "SUGAR"))
            {
                Add("X", "S");
                return current + 1;
            }

            if (At(current, "SH"))
            {
                Add(At(current + 1, "HEIM", "HOEK", "HOLM", "HOLZ") ? "S" : "X");
                return current + 2;
            }

            if (At(current, "SIO", "SIA") || At(current, "SIAN"))
            {
                if (_slavoGermanic)
                {
                    Add("S");
                }
                else
                {
                    Add("S", "X");
                }

                return current + 3;
            }

            if ((current == 0 && CharAt(current + 1) is 'M' or 'N' or 'L' or 'W') || CharAt(current + 1) == 'Z')
            {
                Add("S", "X");
                return CharAt(current + 1) == 'Z' ? current + 2 : current + 1;
            }

            if (At(current, "SC"))
            {
                if (CharAt(current + 2) == 'H')
                {
                    if (At(current + 3, "OO", "ER", "EN", "UY", "ED", "EM"))
                    {
                        if (At(current + 3, "ER", "EN"))
                        {
                            Add("X", "SK");
                        }
                        else
                        {
                            Add("SK");
                        }
                    }
                    else if (current == 0 && !IsVowel(3) && CharAt(3) != 'W')
                    {
                        Add("X", "S");
                    }
                    else
                    {
                        Add("X");
                    }
                }
                else if (CharAt(current + 2) is 'I' or 'E' or 'Y')
                {
                    Add("S");
                }
                else
                {
                    Add("SK");
                }

                return current + 3;
            }

            if (current == _last && At(current - 2, "AI", "OI"))
            {
                _alternate.Append('S');
            }
            else
            {
                Add("S");
            }

            return CharAt(current + 1) is 'S' or 'Z' ? current + 2 : current + 1;
        }

        private int T(int current)
        {
            if (At(current, "TION"))
            {
                Add("X");
                return current + 3;
            }

            if (At(current, "TIA", "TCH"))
            {
                Add("X");
                return current + 3;
            }

            if (At(current, "TH") || At(current, "TTH"))
            {
                if (At(current + 2, "OM", "AM") || At(0, "VAN ", "VON ") || At(0, "SCH"))
                {
                    Add("T");
                }
                else
                {
                    Add("0", "T");
                }

                return current + 2;
            }

            Add("T");
            return CharAt(current + 1) is 'T' or 'D' ? current + 2 : current + 1;
        }

        private int W(int current)
        {
            if (At(current, "WR"))
            {
                Add("R");
                return current + 2;
            }

            if (current == 0 && (IsVowel(current + 1) || At(current, "WH")))
            {
                if (IsVowel(current + 1))
                {
                    Add("A", "F");
                }
                else
                {
                    Add("A");
                }
            }

            if ((current == _last && IsVowel(current - 1)) || At(current - 1, "EWSKI", "EWSKY", "OWSKI", "OWSKY") || At(0, "SCH"))
            {
                _alternate.Append('F');
                return current + 1;
            }

            if (At(current, "WICZ", "WITZ"))
            {
                Add("TS", "FX");
                return current + 4;
            }

            return current + 1;
        }

        private bool SpanishLl(int current) =>
            (current == _value.Length - 3 && At(current - 1, "ILLO", "ILLA", "ALLE"))
            || ((At(_last - 1, "AS", "OS") || CharAt(_last) is 'A' or 'O') && At(current - 1, "ALLE"));

        private void Add(string both) => Add(both, both);

        private void Add(string primary, string alternate)
        {
            _primary.Append(primary);
            _alternate.Append(alternate);
        }

        private char CharAt(int index) => index >= 0 && index < _value.Length ? _value[index] : '\0';

        private bool IsVowel(int index) => CharAt(index) is 'A' or 'E' or 'I' or 'O' or 'U' or 'Y';

        private bool At(int start, params ReadOnlySpan<string> options)
        {
            if (start < 0)
            {
                return false;
            }

            foreach (var option in options)
            {
                if (start + option.Length <= _value.Length && _value.AsSpan(start, option.Length).SequenceEqual(option))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

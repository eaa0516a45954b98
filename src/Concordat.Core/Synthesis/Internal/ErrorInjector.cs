namespace Concordat.Core.Synthesis.Internal;

/// <summary>
/// Turns the truth into what a department actually holds: stale addresses and names, then slips, nicknames, swapped
/// dates, blanks and invalid identifiers, at the configured rates. Every decision draws from the record's own
/// random stream, so the result depends only on the seed, the person and the department.
/// </summary>
internal static class ErrorInjector
{
    /// <summary>Marriages longer ago than this are known to every department.</summary>
    private const int StaleNameYears = 10;

    /// <summary>
    /// Applies staleness: the department may not have heard of the latest move or a recent change of name. Returns
    /// which applied, so the caller counts them only for records it keeps.
    /// </summary>
    public static (bool Address, bool Name) ApplyStaleness(RecordView view, SyntheticPerson person, DateOnly asOf, SynthErrorRates rates, ref SynthRandom random)
    {
        var staleAddress = random.Chance(rates.StaleAddress) && person.PreviousAddress is not null;
        if (staleAddress)
        {
            view.SetAddress(person.PreviousAddress!);
        }

        var staleName = random.Chance(rates.StaleName)
            && person.NameChanged is { } changed
            && changed > asOf.AddYears(-StaleNameYears);
        if (staleName)
        {
            view.FamilyName = person.BirthFamilyName;
            if (view.Title == "Mrs")
            {
                view.Title = "Miss";
            }
        }

        return (staleAddress, staleName);
    }

    /// <summary>Applies slips, nicknames, date swaps, blanks and invalid identifiers, counting each one applied.</summary>
    public static void Apply(RecordView view, SynthErrorRates rates, ErrorProfile profile, ref SynthRandom random, ChunkWork work)
    {
        if (random.Chance(rates.Nickname) && TryNickname(view, ref random))
        {
            work.Count(SynthErrorKind.Nickname);
        }

        if (random.Chance(rates.Typo) && TryTypo(view, ref random))
        {
            work.Count(SynthErrorKind.Typo);

            // Rates that default to zero draw nothing then, so the default output stays as it was.
            if (rates.SecondTypo > 0 && random.Chance(rates.SecondTypo) && TryTypo(view, ref random))
            {
                work.Count(SynthErrorKind.Typo);
            }
        }

        if (rates.SwappedNames > 0 && random.Chance(rates.SwappedNames) && !string.IsNullOrEmpty(view.FamilyName))
        {
            (view.GivenName, view.FamilyName) = (view.FamilyName, view.GivenName);
            work.Count(SynthErrorKind.SwappedNames);
        }

        if (rates.MissingIdentifier > 0)
        {
            DropIdentifiers(view, rates.MissingIdentifier, ref random, work);
        }

        if (random.Chance(rates.DayMonthSwap) && TrySwapDayMonth(view))
        {
            work.Count(SynthErrorKind.DayMonthSwap);
        }

        if (random.Chance(rates.MissingField) && TryBlank(view, profile.Blankable, ref random))
        {
            work.Count(SynthErrorKind.MissingField);
        }

        if (random.Chance(rates.InvalidIdentifier))
        {
            var kind = TryInvalidate(view, profile.Invalidatable, ref random);
            if (kind is { } k)
            {
                work.Count(k);
            }
        }
    }

    /// <summary>
    /// Makes a duplicate differ a little from the original: a slip, a nickname, a dropped middle name, an
    /// abbreviated street, an old address or a postcode typed without its space. Returns the error kind injected,
    /// if any, for the caller to count once it keeps the duplicate.
    /// </summary>
    public static SynthErrorKind? Vary(RecordView duplicate, SyntheticPerson person, ref SynthRandom random)
    {
        switch (random.Next(5))
        {
            case 0:
                return TryTypo(duplicate, ref random) ? SynthErrorKind.Typo : null;
            case 1:
                if (TryNickname(duplicate, ref random))
                {
                    return SynthErrorKind.Nickname;
                }

                duplicate.MiddleName = null;
                return null;
            case 2:
                duplicate.MiddleName = null;
                return null;
            case 3:
                var street = duplicate.Address.AbbreviatedStreetLine();
                if (duplicate.Address.Flat is null)
                {
                    duplicate.AddressLine1 = street;
                }
                else
                {
                    duplicate.AddressLine2 = street;
                }

                return null;
            default:
                if (person.PreviousAddress is { } previous && previous != duplicate.Address)
                {
                    duplicate.SetAddress(previous);
                    return SynthErrorKind.StaleAddress;
                }

                if (duplicate.Postcode is { } postcode)
                {
                    duplicate.Postcode = postcode.Replace(" ", "", StringComparison.Ordinal);
                }

                return null;
        }
    }

    private static void DropIdentifiers(RecordView view, double rate, ref SynthRandom random, ChunkWork work)
    {
        if (random.Chance(rate) && view.Nino is not null)
        {
            view.Nino = null;
            work.Count(SynthErrorKind.MissingIdentifier);
        }

        if (random.Chance(rate) && view.NhsNumber is not null)
        {
            view.NhsNumber = null;
            work.Count(SynthErrorKind.MissingIdentifier);
        }

        if (random.Chance(rate) && view.Email is not null)
        {
            view.Email = null;
            work.Count(SynthErrorKind.MissingIdentifier);
        }

        if (random.Chance(rate) && view.Phone is not null)
        {
            view.Phone = null;
            work.Count(SynthErrorKind.MissingIdentifier);
        }
    }

    /// <summary>Swaps day and month of a date when both are 12 or less and differ; the only swap that stays a valid date.</summary>
    public static bool TrySwapDayMonth(RecordView view)
    {
        if (view.DateOfBirth is not { } d || d.Day > 12 || d.Day == d.Month)
        {
            return false;
        }

        view.DateOfBirth = new DateOnly(d.Year, d.Day, d.Month);
        return true;
    }

    private static bool TryNickname(RecordView view, ref SynthRandom random)
    {
        var forms = Nicknames.For(view.GivenName);
        if (forms.IsEmpty)
        {
            return false;
        }

        view.GivenName = forms[random.Next(forms.Length)];
        return true;
    }

    private static bool TryTypo(RecordView view, ref SynthRandom random)
    {
        if (random.Chance(0.5))
        {
            var slipped = Typos.Apply(view.GivenName, ref random);
            var changed = !ReferenceEquals(slipped, view.GivenName);
            view.GivenName = slipped;
            return changed;
        }
        else
        {
            var slipped = Typos.Apply(view.FamilyName, ref random);
            var changed = !ReferenceEquals(slipped, view.FamilyName);
            view.FamilyName = slipped;
            return changed;
        }
    }

    private static bool TryBlank(RecordView view, RecordFields blankable, ref SynthRandom random)
    {
        var present = RecordFields.None;
        var n = 0;
        Mark(ref present, ref n, blankable, RecordFields.Nino, !string.IsNullOrEmpty(view.Nino));
        Mark(ref present, ref n, blankable, RecordFields.NhsNumber, !string.IsNullOrEmpty(view.NhsNumber));
        Mark(ref present, ref n, blankable, RecordFields.DateOfBirth, view.DateOfBirth is not null);
        Mark(ref present, ref n, blankable, RecordFields.Postcode, !string.IsNullOrEmpty(view.Postcode));
        Mark(ref present, ref n, blankable, RecordFields.AddressLine1, !string.IsNullOrEmpty(view.AddressLine1));
        Mark(ref present, ref n, blankable, RecordFields.Phone, !string.IsNullOrEmpty(view.Phone));
        Mark(ref present, ref n, blankable, RecordFields.Email, !string.IsNullOrEmpty(view.Email));
        Mark(ref present, ref n, blankable, RecordFields.MiddleName, !string.IsNullOrEmpty(view.MiddleName));
        if (n == 0)
        {
            return false;
        }

        switch (NthFlag(present, random.Next(n)))
        {
            case RecordFields.Nino: view.Nino = null; break;
            case RecordFields.NhsNumber: view.NhsNumber = null; break;
            case RecordFields.DateOfBirth: view.DateOfBirth = null; break;
            case RecordFields.Postcode: view.Postcode = null; break;
            case RecordFields.AddressLine1: view.AddressLine1 = null; break;
            case RecordFields.Phone: view.Phone = null; break;
            case RecordFields.Email: view.Email = null; break;
            default: view.MiddleName = null; break;
        }

        return true;
    }

    private static void Mark(ref RecordFields present, ref int n, RecordFields allowed, RecordFields field, bool has)
    {
        if (has && (allowed & field) != 0)
        {
            present |= field;
            n++;
        }
    }

    private static RecordFields NthFlag(RecordFields flags, int nth)
    {
        for (var bit = 1; bit <= (int)RecordFields.MiddleName; bit <<= 1)
        {
            if (((int)flags & bit) != 0 && nth-- == 0)
            {
                return (RecordFields)bit;
            }
        }

        return RecordFields.None;
    }

    private static SynthErrorKind? TryInvalidate(RecordView view, RecordFields invalidatable, ref SynthRandom random)
    {
        var present = RecordFields.None;
        var n = 0;
        Mark(ref present, ref n, invalidatable, RecordFields.Nino, view.Nino is { Length: 9 });
        Mark(ref present, ref n, invalidatable, RecordFields.NhsNumber, view.NhsNumber is { Length: 10 });
        Mark(ref present, ref n, invalidatable, RecordFields.Postcode, view.Postcode is { Length: >= 6 } p && p.Contains(' ', StringComparison.Ordinal));
        if (n == 0)
        {
            return null;
        }

        switch (NthFlag(present, random.Next(n)))
        {
            case RecordFields.Nino:
                view.Nino = InvalidNino(view.Nino!, ref random);
                return SynthErrorKind.InvalidNino;
            case RecordFields.NhsNumber:
                view.NhsNumber = InvalidNhsNumber(view.NhsNumber!, ref random);
                return SynthErrorKind.InvalidNhsNumber;
            default:
                view.Postcode = InvalidPostcode(view.Postcode!, ref random);
                return SynthErrorKind.InvalidPostcode;
        }
    }

    /// <summary>A NINO that fails NIM39110: an unallocated prefix, a suffix beyond D, or a digit missing.</summary>
    public static string InvalidNino(string nino, ref SynthRandom random) => random.Next(3) switch
    {
        0 => string.Concat(NinoRules.UnallocatedPrefixes[random.Next(NinoRules.UnallocatedPrefixes.Count)], nino.AsSpan(2)),
        1 => string.Concat(nino.AsSpan(0, 8), ((char)('E' + random.Next(22))).ToString()),
        _ => string.Concat(nino.AsSpan(0, 7), nino.AsSpan(8)),
    };

    /// <summary>An NHS number with a wrong check digit: any other digit fails, because the check digit is unique.</summary>
    public static string InvalidNhsNumber(string nhsNumber, ref SynthRandom random)
    {
        var check = nhsNumber[9] - '0';
        var wrong = (check + 1 + random.Next(9)) % 10;
        return string.Concat(nhsNumber.AsSpan(0, 9), ((char)('0' + wrong)).ToString());
    }

    /// <summary>A postcode of no valid UK format: inward part cut short, a letter O for the sector digit, or a four-letter area.</summary>
    public static string InvalidPostcode(string postcode, ref SynthRandom random)
    {
        var space = postcode.IndexOf(' ', StringComparison.Ordinal);
        return random.Next(3) switch
        {
            0 => postcode[..^1],
            1 => string.Concat(postcode.AsSpan(0, space + 1), "O", postcode.AsSpan(space + 2)),
            _ => string.Concat(postcode.AsSpan(0, 1), postcode.AsSpan(0, 1), postcode.AsSpan(0, 1), postcode.AsSpan(1)),
        };
    }
}

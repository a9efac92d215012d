namespace StreamWatch.Probe.Targets;

/// <summary>The id syntax of the configuration file: lower-case <c>[a-z0-9-]</c>, 1 to 64 characters.</summary>
internal static class Identifier
{
    public const int MaxLength = 64;

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}

using Microsoft.Extensions.Options;

namespace StreamWatch.ServiceDefaults.Configuration;

/// <summary>
/// Base for <see cref="IValidateOptions{TOptions}"/> implementations that report every problem at
/// once, each naming its configuration key. Override <see cref="Validate(TOptions, SettingErrors)"/>.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
/// <param name="section">The section the options are bound from, used in error messages.</param>
public abstract class SettingsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <summary>The section the options are bound from.</summary>
    public string Section { get; } = section;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(Section);
        Validate(options, errors);
        return errors.Errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Errors);
    }

    /// <summary>Adds an error to <paramref name="errors"/> for each setting at fault.</summary>
    protected abstract void Validate(TOptions options, SettingErrors errors);
}

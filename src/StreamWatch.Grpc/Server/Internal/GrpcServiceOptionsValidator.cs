using Microsoft.Extensions.Options;
using StreamWatch.Grpc.Internal;

namespace StreamWatch.Grpc.Server.Internal;

/// <summary>Collects every problem with <see cref="GrpcServiceOptions"/>, naming the option at fault.</summary>
internal sealed class GrpcServiceOptionsValidator : IValidateOptions<GrpcServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, GrpcServiceOptions options)
    {
        List<string>? errors = null;
        if (options.MaxReceiveMessageSize is <= 0)
        {
            (errors ??= []).Add($"{nameof(GrpcServiceOptions.MaxReceiveMessageSize)} must be positive (bytes) or null, not {options.MaxReceiveMessageSize}.");
        }

        if (options.MaxSendMessageSize is <= 0)
        {
            (errors ??= []).Add($"{nameof(GrpcServiceOptions.MaxSendMessageSize)} must be positive (bytes) or null, not {options.MaxSendMessageSize}.");
        }

        if (options.ResponseCompressionAlgorithm is { } algorithm
            && !string.Equals(algorithm, GrpcProtocolConstants.GzipEncoding, StringComparison.Ordinal))
        {
            (errors ??= []).Add($"{nameof(GrpcServiceOptions.ResponseCompressionAlgorithm)} '{algorithm}' is not supported; use 'gzip' or null.");
        }

        return errors is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

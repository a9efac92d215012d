using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Internal;

namespace StreamWatch.Grpc.Server.Internal;

/// <summary>The HTTP-level checks of PROTOCOL-HTTP2 that come before any gRPC processing.</summary>
internal static class GrpcRequestValidation
{
    /// <summary>False when the response (an HTTP error) has been set and the request must go no further.</summary>
    public static bool Validate(HttpContext http, ILogger logger)
    {
        var request = http.Request;
        if (!GrpcProtocolConstants.IsGrpcContentType(request.ContentType))
        {
            // 415 so that a non-gRPC client does not read an error as a 200 success (spec).
            ServerLog.UnsupportedContentType(logger, request.ContentType);
            SetHttpError(http, StatusCodes.Status415UnsupportedMediaType, StatusCode.Internal, $"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            ServerLog.UnsupportedProtocol(logger, request.Protocol);
            SetHttpError(http, StatusCodes.Status426UpgradeRequired, StatusCode.Internal, $"Request protocol '{request.Protocol}' is not supported.");
            return false;
        }

        return true;
    }

    private static void SetHttpError(HttpContext http, int httpStatus, StatusCode grpcStatus, string message)
    {
        var response = http.Response;
        response.StatusCode = httpStatus;
        response.ContentType = GrpcProtocolConstants.GrpcContentType;
        response.Headers[GrpcProtocolConstants.StatusTrailer] = ((int)grpcStatus).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(message);
    }

    /// <summary>Answers a valid gRPC request with a trailers-only status.</summary>
    public static void SetTrailersOnly(HttpContext http, StatusCode grpcStatus, string message)
    {
        var response = http.Response;
        response.ContentType = GrpcProtocolConstants.GrpcContentType;
        response.Headers[GrpcProtocolConstants.StatusTrailer] = ((int)grpcStatus).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(message);
    }
}

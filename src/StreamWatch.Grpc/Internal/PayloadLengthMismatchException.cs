namespace StreamWatch.Grpc.Internal;

/// <summary>A marshaller wrote a different number of bytes than it declared; the frame already sent is corrupt.</summary>
internal sealed class PayloadLengthMismatchException : InvalidOperationException
{
    public PayloadLengthMismatchException()
    {
    }

    public PayloadLengthMismatchException(string message)
        : base(message)
    {
    }

    public PayloadLengthMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

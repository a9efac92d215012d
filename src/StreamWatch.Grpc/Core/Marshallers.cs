using Google.Protobuf;

namespace StreamWatch.Grpc.Core;

/// <summary>Marshaller factories.</summary>
public static class Marshallers
{
    /// <summary>
    /// A protobuf marshaller: serializes straight into the transport's buffer (the size is computed
    /// first, so the frame header needs no copy) and parses from the pooled receive buffer.
    /// </summary>
    public static Marshaller<T> Protobuf<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        return new Marshaller<T>(
            static (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
    }
}

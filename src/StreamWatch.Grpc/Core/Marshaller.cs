namespace StreamWatch.Grpc.Core;

/// <summary>Turns messages of type <typeparamref name="T"/> into payload bytes and back.</summary>
public sealed class Marshaller<T>
{
    public Marshaller(Action<T, SerializationContext> serializer, Func<DeserializationContext, T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        ContextualSerializer = serializer;
        ContextualDeserializer = deserializer;
    }

    /// <summary>Writes a message into a <see cref="SerializationContext"/>.</summary>
    public Action<T, SerializationContext> ContextualSerializer { get; }

    /// <summary>Reads a message from a <see cref="DeserializationContext"/>.</summary>
    public Func<DeserializationContext, T> ContextualDeserializer { get; }
}

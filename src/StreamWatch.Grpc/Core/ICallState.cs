namespace StreamWatch.Grpc.Core;

/// <summary>The parts of a client call every call shape exposes.</summary>
internal interface ICallState : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}

namespace StreamWatch.Grpc.Server.Internal;

/// <summary>Proves <c>AddGrpcStandIn</c> ran, and remembers whether the UNIMPLEMENTED fallback is mapped.</summary>
internal sealed class GrpcMarkerService
{
    public bool UnimplementedMapped { get; set; }
}

using System.Diagnostics.CodeAnalysis;

namespace StreamWatch.Grpc.Core;

/// <summary>
/// Marks a service base class with the static <c>BindService(ServiceBinderBase, TBase?)</c> method
/// that lists its methods, so <c>MapGrpcService&lt;T&gt;()</c> can find them.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BindServiceMethodAttribute(
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)] Type bindType,
    string bindMethodName) : Attribute
{
    /// <summary>The type that declares the bind method.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)]
    public Type BindType { get; } = bindType;

    /// <summary>The bind method's name.</summary>
    public string BindMethodName { get; } = bindMethodName;
}

namespace StreamWatch.Grpc.Core;

/// <summary>A method descriptor without its message types.</summary>
public interface IMethod
{
    /// <summary>The kind of call.</summary>
    MethodType Type { get; }

    /// <summary>The fully qualified service name, e.g. <c>streamwatch.v1.Ingest</c>.</summary>
    string ServiceName { get; }

    /// <summary>The method name, e.g. <c>Report</c>.</summary>
    string Name { get; }

    /// <summary>The HTTP/2 <c>:path</c> without its leading slash: <c>ServiceName/Name</c>.</summary>
    string FullName { get; }
}

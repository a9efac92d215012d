namespace StreamWatch.Lab.Streams;

/// <summary>A segment's place in the ad schedule.</summary>
internal enum AdMark
{
    None = 0,

    /// <summary>First segment of a break: CUE-OUT and DATERANGE SCTE35-OUT.</summary>
    Out = 1,

    /// <summary>Inside a break: CUE-OUT-CONT.</summary>
    Continue = 2,

    /// <summary>First segment after a break: CUE-IN and DATERANGE SCTE35-IN.</summary>
    In = 3,
}

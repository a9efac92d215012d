namespace StreamWatch.Lab;

/// <summary>Where the Lab's media comes from.</summary>
public enum LabMode
{
    /// <summary>Manifests computed from the clock; segment bodies of the declared size from a shared buffer.</summary>
    Synthetic = 0,

    /// <summary>Real ffmpeg encoders writing live HLS and DASH into a working folder.</summary>
    Ffmpeg = 1,
}

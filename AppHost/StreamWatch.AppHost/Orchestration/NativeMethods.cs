using System.Runtime.InteropServices;

namespace StreamWatch.AppHost.Orchestration;

/// <summary>POSIX signals to process groups (which <see cref="System.Diagnostics.Process"/> cannot send).</summary>
internal static class NativeMethods
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>True while a process with this id exists (kill with signal 0; EPERM means it exists but is not ours).</summary>
    public static bool Exists(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1;

    /// <summary>kill(2): a negative <paramref name="pid"/> signals the whole process group.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);
}

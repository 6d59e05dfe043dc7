namespace KktMessaging.Load;

/// <summary>One live line on a terminal; a line every few seconds when the output goes to a file or CI log.</summary>
internal static class ProgressPrinter
{
    private static int _ticks;

    public static void Print(LoadProgress progress)
    {
        if (!Console.IsOutputRedirected) Console.Write($"\r{progress}   ");
        else if (Interlocked.Increment(ref _ticks) % 5 == 0) Console.WriteLine(progress);
    }

    public static void Finish()
    {
        if (!Console.IsOutputRedirected) Console.WriteLine();
    }
}

Console.Error.WriteLine("StreamWatch AppHost: not yet implemented.");
return 1;

Console.WriteLine("lspgen");

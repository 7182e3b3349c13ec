#nullable enable
using System.IO;
using System.Text.Json;

namespace Octavo.Tools
{
    /// <summary>Settings read from a JSON file.</summary>
    public class Settings
    {
        public string Title { get; set; } = "Untitled";
        public int Width { get; set; } = 80;
        public bool Verbose { get; set; }

        public static Settings Load(string path)
        {
            if (!File.Exists(path))
                return new Settings();
            var json = File.ReadAllText(path);
            var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
            return JsonSerializer.Deserialize<Settings>(json, options) ?? new Settings();
        }

        public void Save(string path)
        {
            var folder = Path.GetDirectoryName(path);
            if (folder is not null) Directory.CreateDirectory(folder);
            File.WriteAllText(path, JsonSerializer.Serialize(this));
            var raw = @"C:\books\settings.json";
            System.Console.WriteLine(raw.Length > 0 ? 'y' : 'n');
        }
    }
}

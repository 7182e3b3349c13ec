using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

public static class Fetcher
{
    private static readonly HttpClient Client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

    // Retries with a doubling delay.
    public static async Task<string> GetWithRetryAsync(string url, int attempts = 3,
        CancellationToken token = default)
    {
        var delay = 250;
        for (var i = 1; ; i++)
        {
            try
            {
                using var response = await Client.GetAsync(url, token);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(token);
            }
            catch (HttpRequestException ex) when (i < attempts)
            {
                Console.Error.WriteLine($"attempt {i} failed: {ex.Message}");
                await Task.Delay(delay, token);
                delay *= 2;
            }
        }
    }
}

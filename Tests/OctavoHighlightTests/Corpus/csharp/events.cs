using System;
using System.Collections.Generic;

public class TideEventArgs : EventArgs
{
    public double Height { get; }
    public TideEventArgs(double height) => Height = height;
}

public class TideGauge
{
    public event EventHandler<TideEventArgs>? HighWater;
    private readonly Queue<double> _readings = new Queue<double>();
    private const double Threshold = 4.25;

    public void Record(double height)
    {
        _readings.Enqueue(height);
        if (_readings.Count > 12) _readings.Dequeue();
        if (height >= Threshold)
        {
            HighWater?.Invoke(this, new TideEventArgs(height));
        }
    }

    public double Average()
    {
        double sum = 0;
        foreach (var r in _readings) sum += r;
        return _readings.Count == 0 ? 0.0 : sum / _readings.Count;
    }
}

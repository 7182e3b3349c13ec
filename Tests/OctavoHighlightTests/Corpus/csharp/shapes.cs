using System;

public interface IShape
{
    double Area { get; }
    string Name => GetType().Name;
}

public abstract class Shape : IShape
{
    public abstract double Area { get; }
    public override string ToString() => $"{((IShape)this).Name} with area {Area:F2}";
}

public sealed class Circle : Shape
{
    public double Radius { get; init; }
    public override double Area => Math.PI * Radius * Radius;
}

public sealed class Square : Shape
{
    public double Side { get; init; }
    public override double Area => Side * Side;
}

public static class Program
{
    public static void Main()
    {
        Shape[] shapes = { new Circle { Radius = 1.5 }, new Square { Side = 2 } };
        foreach (var shape in shapes)
        {
            var kind = shape switch
            {
                Circle c when c.Radius > 1 => "large circle",
                Circle => "circle",
                _ => "other",
            };
            Console.WriteLine($"{shape} ({kind})");
        }
    }
}

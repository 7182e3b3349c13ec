import java.util.List;

sealed interface Shape permits Circle, Rect {}

record Circle(double radius) implements Shape {}

record Rect(double width, double height) implements Shape {}

public class Areas {
    static double area(Shape shape) {
        return switch (shape) {
            case Circle c -> Math.PI * c.radius() * c.radius();
            case Rect r -> r.width() * r.height();
        };
    }

    @SuppressWarnings("unused")
    public static void main(String[] args) {
        List<Shape> shapes = List.of(new Circle(1.0), new Rect(2, 3.5));
        double total = 0.0;
        for (Shape s : shapes) {
            total += area(s);
        }
        System.out.printf("total area %.3f%n", total);
        long big = 10_000_000L;
        float ratio = 0.5f;
        System.out.println(big * ratio);
    }
}

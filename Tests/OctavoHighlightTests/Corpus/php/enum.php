<?php

enum Suit: string
{
    case Hearts = 'H';
    case Spades = 'S';

    public function color(): string
    {
        return match ($this) {
            Suit::Hearts => 'Red',
            Suit::Spades => 'Black',
        };
    }
}

abstract class Shape
{
    abstract public function area(): float;

    public static function describe(Shape $shape): string
    {
        $class = static::class;
        return "{$class} with area " . number_format($shape->area(), 2);
    }
}

class Circle extends Shape
{
    public function __construct(protected float $radius = 1.0) {}

    public function area(): float
    {
        return M_PI * $this->radius ** 2;
    }
}

echo Suit::Hearts->color(), "\n";
echo Shape::describe(new Circle(2.5)), "\n";

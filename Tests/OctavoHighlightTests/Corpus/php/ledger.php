<?php

declare(strict_types=1);

namespace Harbour;

final class Ledger
{
    /** @var array<int, array{vessel: string, tonnage: float}> */
    private array $entries = [];

    public function record(string $vessel, float $tonnage): self
    {
        if ($tonnage <= 0) {
            throw new \InvalidArgumentException("Tonnage must be positive for $vessel");
        }
        $this->entries[] = ['vessel' => $vessel, 'tonnage' => $tonnage];
        return $this;
    }

    public function total(): float
    {
        return array_sum(array_column($this->entries, 'tonnage'));
    }

    public function summary(): string
    {
        $count = count($this->entries);
        return sprintf('%d vessels, %.1f t', $count, $this->total());
    }
}

$ledger = (new Ledger())->record('Marigold', 1250.5)->record('Sea Lark', 1000);
echo $ledger->summary(), PHP_EOL;

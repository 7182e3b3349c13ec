export interface Entry {
  vessel: string;
  tonnage: number;
  berth?: number;
}

export class Ledger {
  private readonly entries: Entry[] = [];

  constructor(public readonly opened: Date = new Date()) {}

  record(vessel: string, tonnage: number, berth?: number): this {
    if (tonnage <= 0) {
      throw new RangeError(`tonnage must be positive for ${vessel}`);
    }
    this.entries.push({ vessel, tonnage, berth });
    return this;
  }

  get total(): number {
    return this.entries.reduce((sum, e) => sum + e.tonnage, 0);
  }

  find(vessel: string): Entry | undefined {
    return this.entries.find((e) => e.vessel === vessel);
  }
}

const ledger = new Ledger();
ledger.record('Marigold', 1250.5, 3);
console.log(ledger.total, ledger.find('Marigold')?.berth ?? 'none');

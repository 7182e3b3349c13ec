'use strict';

// A harbour ledger kept in memory.
class Ledger {
  #entries = [];

  constructor(opened = new Date()) {
    this.opened = opened;
  }

  record(vessel, tonnage, berth = null) {
    if (tonnage <= 0) {
      throw new RangeError(`tonnage must be positive for ${vessel}`);
    }
    this.#entries.push({ vessel, tonnage, berth });
    return this;
  }

  get total() {
    return this.#entries.reduce((sum, e) => sum + e.tonnage, 0);
  }

  summary() {
    const berthed = this.#entries.filter((e) => e.berth !== null).length;
    return `${this.#entries.length} vessels, ${berthed} berthed, ${this.total.toFixed(1)} t`;
  }
}

const ledger = new Ledger();
ledger.record('Marigold', 1250.5, 3).record("Sea Lark", 0x3e8);
console.log(ledger.summary());
module.exports = { Ledger };

use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub vessel: String,
    pub tonnage: f64,
    pub berth: Option<u32>,
}

pub struct Ledger {
    entries: Vec<Entry>,
    by_vessel: HashMap<String, usize>,
}

impl Ledger {
    pub fn new() -> Self {
        Ledger { entries: Vec::new(), by_vessel: HashMap::new() }
    }

    pub fn record(&mut self, entry: Entry) {
        self.by_vessel.insert(entry.vessel.clone(), self.entries.len());
        self.entries.push(entry);
    }

    pub fn find(&self, vessel: &str) -> Option<&Entry> {
        self.by_vessel.get(vessel).map(|&i| &self.entries[i])
    }
}

impl fmt::Display for Ledger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total: f64 = self.entries.iter().map(|e| e.tonnage).sum();
        write!(f, "{} entries, {:.1} t", self.entries.len(), total)
    }
}
